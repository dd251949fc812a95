package dev.braid.testbed.bench.netns;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * Writes {@code wireguard.csv} and {@code wireguard.md}: each tunnel's TCP and UDP rates and their
 * ratio to wireguard-go's, measured in the same run.
 */
final class WireguardReport {
    static final String REFERENCE = "wireguard-go";
    static final String CSV_HEADER = "tunnel,tcp_mbit,tcp_retransmits,tcp_ratio_vs_wireguard,udp_offered,udp_received_mbit,"
            + "udp_loss_pct,udp_ratio_vs_wireguard";

    private WireguardReport() {}

    static String csv(List<TunnelResult> results, String udpOffered) {
        TunnelResult ref = reference(results);
        StringBuilder out = new StringBuilder(CSV_HEADER).append('\n');
        for (TunnelResult r : results) {
            out.append(String.join(",", r.tunnel(), TcpReport.num("%.1f", r.tcpMbit()), String.valueOf(r.tcpRetransmits()),
                    TcpReport.num("%.2f", r.tcpMbit() / ref.tcpMbit()), udpOffered,
                    TcpReport.num("%.1f", r.udpMbit()), TcpReport.num("%.2f", r.udpLossPercent()),
                    TcpReport.num("%.2f", r.udpMbit() / ref.udpMbit()))).append('\n');
        }
        return out.toString();
    }

    static String markdown(List<TunnelResult> results, String udpOffered, String command) {
        TunnelResult ref = reference(results);
        StringBuilder out = new StringBuilder();
        out.append("Command: `").append(command).append("`\n\n");
        out.append("| tunnel | TCP Mbit/s | TCP vs wireguard-go | UDP received Mbit/s (offered ").append(udpOffered)
                .append(") | UDP loss % | UDP vs wireguard-go |\n");
        out.append("|---|---:|---:|---:|---:|---:|\n");
        for (TunnelResult r : results) {
            out.append("| ").append(r.tunnel())
                    .append(" | ").append(TcpReport.num("%.1f", r.tcpMbit()))
                    .append(" | ").append(TcpReport.num("%.2f", r.tcpMbit() / ref.tcpMbit()))
                    .append(" | ").append(TcpReport.num("%.1f", r.udpMbit()))
                    .append(" | ").append(TcpReport.num("%.2f", r.udpLossPercent()))
                    .append(" | ").append(TcpReport.num("%.2f", r.udpMbit() / ref.udpMbit()))
                    .append(" |\n");
        }
        return out.toString();
    }

    static void write(Path dir, List<TunnelResult> results, String udpOffered, String command) throws IOException {
        Files.createDirectories(dir);
        Files.writeString(dir.resolve("wireguard.csv"), csv(results, udpOffered));
        Files.writeString(dir.resolve("wireguard.md"), markdown(results, udpOffered, command));
    }

    private static TunnelResult reference(List<TunnelResult> results) {
        return results.stream().filter(r -> r.tunnel().equals(REFERENCE)).findFirst()
                .orElse(TunnelResult.failed(REFERENCE));
    }
}
