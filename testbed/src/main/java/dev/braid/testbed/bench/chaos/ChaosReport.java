package dev.braid.testbed.bench.chaos;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;

/** chaos.md (the run beside issue 19's targets) and chaos.csv (one row per event). */
final class ChaosReport {
    private ChaosReport() {
    }

    static void write(ChaosResult result, String command, Path out) throws IOException {
        Files.createDirectories(out);
        Files.writeString(out.resolve("chaos.md"), markdown(result, command));
        Files.writeString(out.resolve("chaos.csv"), csv(result));
    }

    static String markdown(ChaosResult r, String command) {
        StringBuilder md = new StringBuilder();
        md.append("Command: `").append(command).append("`\n\n");
        md.append(String.format(Locale.ROOT, "Profile %s, %d s: Braid's shipped multilink configuration, a UDP probe "
                + "(160 bytes every 20 ms) and a paced TCP flow from the client to the server for the whole run, an "
                + "event every so often (below). Braid's processes ran with paranoid ByteBuf leak detection.%n%n",
                r.profile(), r.seconds()));
        md.append("| # | event | at s | took s | UDP longest gap ms | UDP back | TCP longest stall s |\n");
        md.append("|---:|---|---:|---:|---:|---|---:|\n");
        int n = 1;
        for (EventOutcome e : r.events()) {
            md.append(String.format(Locale.ROOT, "| %d | %s | %.1f | %.1f | %.0f | %s | %.1f |%n", n++, e.event().description(),
                    e.atSeconds(), e.tookSeconds(), e.udpLongestGapMs(), e.udpBack() ? "yes" : "**no**", e.tcpStallSeconds()));
        }
        md.append(String.format(Locale.ROOT, "%nUDP probe over the run: %d sent, %.2f %% lost, %d duplicates, p50 %.1f ms, "
                + "p99 %.1f ms. TCP: %s.%n%n", r.udp().sent(), r.udp().lossPercent(), r.udp().duplicates(), r.udp().p50Ms(),
                r.udp().p99Ms(), r.tcpError() == null ? String.format(Locale.ROOT, "%.2f Mbit/s over the run", r.tcpMbit())
                        : "failed: " + r.tcpError()));
        md.append("| target (issue 19) | this run | verdict |\n|---|---|---|\n");
        md.append(row("sessions lost for good: 0", r.sessionsLost() + (r.tunnelAtEnd() ? "" : " (no ping at the end)"),
                r.sessionsLost() == 0));
        md.append(row("ByteBuf leak reports: 0", String.valueOf(r.leakReports()), r.leakReports() == 0));
        for (Map.Entry<String, Double> growth : r.rssGrowthPercent().entrySet()) {
            md.append(row("RSS growth of " + growth.getKey() + ": ≤ 10 %",
                    String.format(Locale.ROOT, "%+.1f %%", growth.getValue()), growth.getValue() <= 10));
        }
        return md.toString();
    }

    private static String row(String target, String value, boolean met) {
        return "| " + target + " | " + value + " | " + (met ? "met" : "**not met**") + " |\n";
    }

    static String csv(ChaosResult r) {
        StringBuilder csv = new StringBuilder("event,at_s,took_s,udp_longest_gap_ms,udp_back,tcp_longest_stall_s\n");
        for (EventOutcome e : r.events()) {
            csv.append(String.format(Locale.ROOT, "%s,%.3f,%.3f,%.1f,%b,%.1f%n", e.event().label(), e.atSeconds(), e.tookSeconds(),
                    e.udpLongestGapMs(), e.udpBack(), e.tcpStallSeconds()));
        }
        return csv.toString();
    }
}
