package dev.braid.benchmarks.forwarding;

import java.util.List;
import java.util.Locale;

/** Renders results as a Markdown table, with ratios against the first row (the baseline). */
final class ResultTable {
    private ResultTable() {}

    static String markdown(List<ForwardingResult> results) {
        StringBuilder sb = new StringBuilder();
        sb.append("| data path | suite | size B | packets/s | Gbit/s | tunnel CPU µs/pkt | process CPU µs/pkt"
                + " | cores busy | pps vs first | CPU/pkt vs first | stalls | proxy drops |\n");
        sb.append("|---|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|\n");
        ForwardingResult base = results.isEmpty() ? null : results.get(0);
        for (ForwardingResult r : results) {
            sb.append(String.format(Locale.ROOT, "| %s | %s | %d | %.0f | %.3f | %.2f | %.2f | %.2f | %.2f | %.2f | %d | %d |%n",
                    r.dataPath(), r.suite().configName(), r.size(), r.packetsPerSecond(), r.gbitPerSecond(),
                    r.tunnelCpuMicrosPerPacket(), r.processCpuMicrosPerPacket(), r.coresBusy(),
                    r.packetsPerSecond() / base.packetsPerSecond(),
                    r.tunnelCpuMicrosPerPacket() / base.tunnelCpuMicrosPerPacket(), r.stalls(), r.proxyDrops()));
        }
        return sb.toString();
    }
}
