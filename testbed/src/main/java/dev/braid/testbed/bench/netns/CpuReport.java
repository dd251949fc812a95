package dev.braid.testbed.bench.netns;

import static dev.braid.testbed.bench.netns.TcpReport.num;

import dev.braid.testbed.bench.path.Stats;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.ToDoubleFunction;

/** Writes {@code cpu.csv} (every window) and {@code cpu.md} (min / median / max per case, against the reference). */
final class CpuReport {
    static final String CSV_HEADER = "variant,rate_mbit,mode,direction,run,delivered_mbit,packets_per_s,client_cores,"
            + "proxy_cores,pct_core_per_mbit,us_per_packet,client_rss_mib,proxy_rss_mib,client_threads,proxy_threads";

    private CpuReport() {}

    static String csv(List<CpuResult> results) {
        StringBuilder out = new StringBuilder(CSV_HEADER).append('\n');
        for (CpuResult r : results) {
            out.append(String.join(",", r.variant(), TcpScenario.fmt(r.rateMbit()), r.mode(), r.direction(),
                    String.valueOf(r.run()), num("%.2f", r.mbit()), num("%.0f", r.packetsPerSecond()),
                    num("%.4f", r.clientCores()), num("%.4f", r.proxyCores()), num("%.3f", r.percentCorePerMbit()),
                    num("%.2f", r.microsPerPacket()), num("%.1f", r.client().rssKiB() / 1024.0),
                    num("%.1f", r.proxy().rssKiB() / 1024.0), String.valueOf(r.client().threads()),
                    String.valueOf(r.proxy().threads()))).append('\n');
        }
        return out.toString();
    }

    static String markdown(List<CpuResult> results, String command, String runs, String reference) {
        Map<String, List<CpuResult>> groups = new LinkedHashMap<>();
        results.forEach(r -> groups.computeIfAbsent(r.group(), g -> new ArrayList<>()).add(r));
        StringBuilder out = new StringBuilder("Command: `").append(command).append("`\n\n").append(runs).append("\n\n");
        out.append("Loaded traffic: CPU of both tunnel ends per delivered Mbit/s, min / median / max over the runs; "
                + "the last column is the median against ").append(reference).append("'s in the same case.\n\n");
        out.append("| variant | links Mbit/s | mode | dir | runs | delivered Mbit/s (median) | % core per Mbit/s "
                + "| µs per packet (median) | client / proxy cores (median) | RSS client / proxy MiB (max) | vs ")
                .append(reference).append(" |\n");
        out.append("|---|---:|---|---|---:|---:|---|---:|---|---|---:|\n");
        for (List<CpuResult> group : groups.values()) {
            CpuResult first = group.get(0);
            if (first.mode().equals("idle")) {
                continue;
            }
            Stats perMbit = stats(group, CpuResult::percentCorePerMbit);
            double reference0 = referenceMedian(results, first, reference);
            out.append("| ").append(first.variant()).append(" | ").append(TcpScenario.fmt(first.rateMbit()))
                    .append(" | ").append(first.mode()).append(" | ").append(first.direction())
                    .append(" | ").append(group.size())
                    .append(" | ").append(num("%.1f", stats(group, CpuResult::mbit).median()))
                    .append(" | ").append(minMedianMax("%.2f", perMbit))
                    .append(" | ").append(num("%.1f", stats(group, CpuResult::microsPerPacket).median()))
                    .append(" | ").append(num("%.3f", stats(group, CpuResult::clientCores).median())).append(" / ")
                    .append(num("%.3f", stats(group, CpuResult::proxyCores).median()))
                    .append(" | ").append(num("%.0f", stats(group, r -> r.client().rssKiB() / 1024.0).max())).append(" / ")
                    .append(num("%.0f", stats(group, r -> r.proxy().rssKiB() / 1024.0).max()))
                    .append(" | ").append(num("%.2f", perMbit.median() / reference0)).append(" |\n");
        }
        out.append("\nIdle tunnel (keepalives only): % of one core per process, min / median / max over the windows.\n\n");
        out.append("| variant | client % core | proxy % core | RSS client / proxy MiB | threads client / proxy |\n");
        out.append("|---|---|---|---|---|\n");
        for (List<CpuResult> group : groups.values()) {
            CpuResult first = group.get(0);
            if (!first.mode().equals("idle")) {
                continue;
            }
            out.append("| ").append(first.variant())
                    .append(" | ").append(minMedianMax("%.2f", stats(group, r -> 100 * r.clientCores())))
                    .append(" | ").append(minMedianMax("%.2f", stats(group, r -> 100 * r.proxyCores())))
                    .append(" | ").append(num("%.0f", first.client().rssKiB() / 1024.0)).append(" / ")
                    .append(num("%.0f", first.proxy().rssKiB() / 1024.0))
                    .append(" | ").append(first.client().threads()).append(" / ").append(first.proxy().threads())
                    .append(" |\n");
        }
        return out.toString();
    }

    static void write(Path dir, List<CpuResult> results, String command, String runs, String reference) throws IOException {
        Files.createDirectories(dir);
        Files.writeString(dir.resolve("cpu.csv"), csv(results));
        Files.writeString(dir.resolve("cpu.md"), markdown(results, command, runs, reference));
    }

    private static double referenceMedian(List<CpuResult> results, CpuResult like, String reference) {
        List<CpuResult> same = results.stream().filter(r -> r.variant().equals(reference)
                && r.rateMbit() == like.rateMbit() && r.mode().equals(like.mode())
                && r.direction().equals(like.direction())).toList();
        return same.isEmpty() ? Double.NaN : stats(same, CpuResult::percentCorePerMbit).median();
    }

    private static Stats stats(List<CpuResult> group, ToDoubleFunction<CpuResult> value) {
        return Stats.of(group.stream().map(r -> value.applyAsDouble(r)).toList());
    }

    private static String minMedianMax(String format, Stats s) {
        return num(format, s.min()) + " / " + num(format, s.median()) + " / " + num(format, s.max());
    }
}
