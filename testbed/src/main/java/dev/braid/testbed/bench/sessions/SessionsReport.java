package dev.braid.testbed.bench.sessions;

import dev.braid.core.net.KernelUdpErrors;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * {@code sessions.csv} (one figure a row: metric, value, unit), {@code sessions-active.csv} (one
 * row per active session) and {@code sessions.md} (the figures beside issue 20's targets).
 */
final class SessionsReport {
    static final String CSV_HEADER = "metric,value,unit";
    static final String ACTIVE_HEADER = "session,sent,received,not_sent,seconds,sent_mbit,received_mbit,loss_pct";

    private record Row(String metric, String label, double value, String format, String unit, String target) {}

    private SessionsReport() {}

    static void write(Path dir, SessionsFigures f, String command) throws IOException {
        Files.createDirectories(dir);
        Files.writeString(dir.resolve("sessions.csv"), csv(f));
        Files.writeString(dir.resolve("sessions-active.csv"), activeCsv(f));
        Files.writeString(dir.resolve("sessions.md"), markdown(f, command));
    }

    private static List<Row> rows(SessionsFigures f) {
        List<Row> rows = new ArrayList<>();
        rows.add(new Row("sessions", "sessions", f.count, "%.0f", "", ""));
        rows.add(new Row("links_per_session", "links per session", f.links, "%.0f", "", "2"));
        rows.add(new Row("cold_logged_in", "logged in at the cold start", f.coldOk, "%.0f", "sessions", "all"));
        rows.add(new Row("cold_seconds", "cold start: all logged in after", f.coldSeconds, "%.1f", "s", ""));
        rows.add(new Row("cold_logins_per_second", "cold start: logins per second", f.coldLoginsPerSecond(), "%.0f", "1/s", ""));
        rows.add(new Row("cold_client_start_seconds", "cold start: the generator started all clients in",
                f.coldStartSeconds, "%.1f", "s", ""));
        rows.add(new Row("cold_proxy_accepts_per_second", "cold start: logins the proxy accepted per second",
                f.coldProxyAcceptRate, "%.0f", "1/s", ""));
        addCpu(rows, "cold", "cold start", f.coldCpu);
        rows.add(new Row("cold_failed_logins", "cold start: first logins failed (tried again)", f.coldFailedLogins, "%.0f", "", ""));
        rows.add(new Row("proxy_rss_empty", "proxy RSS, empty", kib(f.emptyRssKiB), "%.0f", "KiB", ""));
        rows.add(new Row("proxy_rss_loaded", "proxy RSS with the sessions", kib(f.loadedRssKiB), "%.0f", "KiB",
                "<= 1 GiB at 10,000"));
        rows.add(new Row("proxy_rss_per_session", "proxy RSS per session above the empty proxy", f.rssPerSessionKiB(),
                "%.1f", "KiB", "<= 64 KiB"));
        rows.add(new Row("proxy_heap_empty", "proxy live heap (after a full GC), empty", kib(f.emptyHeapKiB), "%.0f", "KiB", ""));
        rows.add(new Row("proxy_heap_loaded", "proxy live heap with the sessions", kib(f.loadedHeapKiB), "%.0f", "KiB", ""));
        rows.add(new Row("proxy_heap_per_session", "proxy live heap per session", f.heapPerSessionKiB(), "%.1f", "KiB", ""));
        rows.add(new Row("idle_seconds", "idle window", f.idleSeconds, "%.0f", "s", ""));
        rows.add(new Row("idle_proxy_cpu_pct", "proxy CPU with the sessions idle", f.idleProxyCpuPercent, "%.1f",
                "% of a core", "<= 10 % at 10,000"));
        rows.add(new Row("idle_generator_cpu_pct", "generator CPU with the sessions idle", f.idleGeneratorCpuPercent,
                "%.1f", "% of a core", ""));
        rows.add(new Row("up_after_idle", "sessions up after the idle window", f.upAfterIdle, "%.0f", "sessions", "all"));
        rows.add(new Row("proxy_sessions_after_idle", "sessions the proxy lists after the idle window",
                f.proxySessionsAfterIdle, "%.0f", "sessions", "all"));
        rows.add(new Row("active_sessions", "active sessions", f.activeSessions.size(), "%.0f", "", ""));
        rows.add(new Row("active_rate_mbit", "offered per active session", f.rateBitsPerSecond / 1e6, "%.3f", "Mbit/s", ""));
        rows.add(new Row("active_mean_mbit", "echoed back per active session, mean", f.activeMeanMbit(), "%.3f", "Mbit/s", ""));
        rows.add(new Row("active_min_mbit", "echoed back per active session, lowest", f.activeMinMbit(), "%.3f", "Mbit/s", ""));
        rows.add(new Row("active_loss_pct", "active: echo requests without a reply", f.activeLossPercent(), "%.3f", "%",
                "none beyond the links'"));
        rows.add(new Row("active_not_sent", "active: packets the generator was too late to send", f.activeSkipped(),
                "%.0f", "packets", ""));
        rows.add(new Row("active_proxy_cpu_pct", "proxy CPU with the active sessions", f.trafficProxyCpuPercent, "%.1f",
                "% of a core", ""));
        rows.add(new Row("active_generator_cpu_pct", "generator CPU with the active sessions", f.trafficGeneratorCpuPercent,
                "%.1f", "% of a core", ""));
        rows.add(new Row("restart_proxy_listening_seconds", "restart: new proxy listening after the kill",
                f.proxyStartSeconds, "%.1f", "s", ""));
        rows.add(new Row("restart_first_back_seconds", "restart: first session back after the kill", f.firstBackSeconds(),
                "%.1f", "s", ""));
        rows.add(new Row("restart_back", "restart: sessions back", f.backOk, "%.0f", "sessions", "all"));
        rows.add(new Row("restart_all_back_seconds", "restart: all back after the kill", f.backSeconds, "%.1f", "s",
                "<= 60 s at 10,000"));
        rows.add(new Row("restart_logins_per_second", "restart: logins per second (first to last back)",
                f.restartLoginsPerSecond(), "%.0f", "1/s", ""));
        rows.add(new Row("restart_proxy_accepts_per_second", "restart: logins the new proxy accepted per second",
                f.restartProxyAcceptRate, "%.0f", "1/s", ""));
        addCpu(rows, "restart", "restart", f.restartCpu);
        rows.add(new Row("restart_failed_logins", "restart: first logins failed (tried again)", f.backFailedLogins, "%.0f",
                "", ""));
        addKernelUdp(rows, "proxy", "the proxy's", f.proxyKernelUdp);
        addKernelUdp(rows, "generator", "the generator's", f.generatorKernelUdp);
        rows.add(new Row("leak_reports", "ByteBuf leak reports in the logs", f.leakReports, "%.0f", "", "0"));
        rows.add(new Row("load_before", "machine load average (1 min) before", f.loadBefore, "%.2f", "", ""));
        rows.add(new Row("load_after", "machine load average (1 min) after", f.loadAfter, "%.2f", "", ""));
        return rows;
    }

    /** Who limits a login rush: the proxy's login thread near 100 %, or the generator's SRP workers near the cores. */
    private static void addCpu(List<Row> rows, String key, String phase, CpuWindow.Usage cpu) {
        String unit = "% of a core";
        rows.add(new Row(key + "_proxy_cpu_pct", phase + ": proxy CPU", cpu.proxy(), "%.0f", unit, ""));
        rows.add(new Row(key + "_proxy_login_thread_pct", phase + ": the proxy's login thread", cpu.proxyLoginThread(),
                "%.0f", unit, ""));
        rows.add(new Row(key + "_generator_cpu_pct", phase + ": generator CPU", cpu.generator(), "%.0f", unit, ""));
        rows.add(new Row(key + "_generator_srp_pct", phase + ": the generator's SRP workers", cpu.generatorWorkers(),
                "%.0f", unit, ""));
    }

    /** Datagrams the kernel lost in a namespace: nothing else shows them (a failed UDP send still returns success). */
    private static void addKernelUdp(List<Row> rows, String key, String side, KernelUdpErrors lost) {
        rows.add(new Row(key + "_kernel_udp_send_errors", "kernel: UDP sends failed in " + side + " namespace (SndbufErrors)",
                lost == null ? Double.NaN : lost.sendBuffer(), "%.0f", "datagrams", "0"));
        rows.add(new Row(key + "_kernel_udp_receive_errors", "kernel: UDP datagrams to a full receive buffer in " + side
                + " namespace", lost == null ? Double.NaN : lost.receiveBuffer(), "%.0f", "datagrams", "0"));
    }

    private static double kib(long value) {
        return value < 0 ? Double.NaN : value;
    }

    static String csv(SessionsFigures f) {
        StringBuilder out = new StringBuilder(CSV_HEADER).append('\n');
        for (Row row : rows(f)) {
            out.append(row.metric()).append(',').append(cell(row.format(), row.value())).append(',').append(row.unit())
                    .append('\n');
        }
        f.coldProxyDrops.forEach((reason, count) -> out.append("cold_proxy_drops_").append(reason).append(',')
                .append(count).append(",packets\n"));
        f.trafficProxyDrops.forEach((reason, count) -> out.append("active_proxy_drops_").append(reason).append(',')
                .append(count).append(",packets\n"));
        f.trafficClientDrops.forEach((reason, count) -> out.append("active_client_drops_").append(reason).append(',')
                .append(count).append(",packets\n"));
        f.restartProxyDrops.forEach((reason, count) -> out.append("restart_proxy_drops_").append(reason).append(',')
                .append(count).append(",packets\n"));
        if (f.error != null) {
            out.append("error,\"").append(f.error.replace('"', '\'')).append("\",\n");
        }
        return out.toString();
    }

    static String activeCsv(SessionsFigures f) {
        StringBuilder out = new StringBuilder(ACTIVE_HEADER).append('\n');
        for (EchoTraffic.Result r : f.activeSessions) {
            out.append(String.join(",", String.valueOf(r.session()), String.valueOf(r.sent()), String.valueOf(r.received()),
                    String.valueOf(r.skipped()), cell("%.3f", r.seconds()), cell("%.3f", r.sentMbit()),
                    cell("%.3f", r.receivedMbit()), cell("%.3f", r.lossPercent()))).append('\n');
        }
        return out.toString();
    }

    static String markdown(SessionsFigures f, String command) {
        StringBuilder out = new StringBuilder();
        out.append("Command: `").append(command).append("`\n\n");
        out.append(String.format(Locale.ROOT, "%d sessions of %d link(s) each from one generator process (shared event "
                        + "loops, one source address per session), against a real `braid proxy` in a network namespace; "
                        + "keepalive %d s; %d active session(s) sending %d-byte ICMP echo requests at %.3f Mbit/s each to "
                        + "the proxy's tunnel address. Machine: %d cores, shared (load %.2f before, %.2f after).%n%n",
                f.count, f.links, f.keepaliveSeconds, f.active, f.packetBytes, f.rateBitsPerSecond / 1e6,
                Runtime.getRuntime().availableProcessors(), f.loadBefore, f.loadAfter));
        if (f.error != null) {
            out.append("**The run stopped early:** ").append(f.error).append("\n\n");
        }
        out.append("| figure | value | unit | issue 20 target |\n|---|---:|---|---|\n");
        for (Row row : rows(f)) {
            out.append("| ").append(row.label()).append(" | ").append(cell(row.format(), row.value())).append(" | ")
                    .append(row.unit()).append(" | ").append(row.target()).append(" |\n");
        }
        out.append("\nThe proxy's drop counters (non-zero): after the cold start ").append(drops(f.coldProxyDrops))
                .append("; grown while the active sessions sent ").append(drops(f.trafficProxyDrops))
                .append(" (the active clients counted ").append(drops(f.trafficClientDrops)).append(')')
                .append("; after the restart, once every session was back ").append(drops(f.restartProxyDrops)).append(".\n");
        return out.toString();
    }

    private static String drops(Map<String, Long> drops) {
        if (drops.isEmpty()) {
            return "none";
        }
        StringBuilder out = new StringBuilder();
        drops.forEach((reason, count) -> out.append(out.length() == 0 ? "" : ", ").append(reason).append(' ').append(count));
        return out.toString();
    }

    /** A number, or an empty cell for NaN/infinite. */
    private static String cell(String format, double value) {
        return Double.isNaN(value) || Double.isInfinite(value) ? "" : String.format(Locale.ROOT, format, value);
    }
}
