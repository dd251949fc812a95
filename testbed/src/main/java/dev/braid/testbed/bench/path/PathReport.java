package dev.braid.testbed.bench.path;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.function.Predicate;
import java.util.stream.Collectors;

/**
 * {@code path.csv} (every flow) and {@code path.md}: per profile, load, variant, links, traffic and
 * direction the min / median / max over the runs, and each run's ratio to the rows it is judged
 * against in the same run (the same variant over the reference link; the best single link through
 * Braid; the path without any VPN), reported as min and median: a target holds when the minimum does.
 */
final class PathReport {
    static final String CSV_HEADER =
            "profile,load,run,variant,links,traffic,direction,goodput_mbit,retransmits,tbf_queue_ms,srtt_above_min_ms";

    private PathReport() {}

    static String csv(List<PathResult> results) {
        StringBuilder out = new StringBuilder(CSV_HEADER).append('\n');
        for (PathResult r : results) {
            out.append(String.join(",", r.profile(), r.load(), String.valueOf(r.run()), r.variant(), r.links(), r.traffic(),
                    r.direction(), num("%.2f", r.mbit()), String.valueOf(r.retransmits()), perLink(r.bottleneckQueueMs()),
                    perLink(r.queueMs()))).append('\n');
        }
        return out.toString();
    }

    private static String perLink(Map<String, Double> values) {
        return values.entrySet().stream().sorted(Map.Entry.comparingByKey())
                .map(e -> e.getKey() + "=" + num("%.1f", e.getValue())).collect(Collectors.joining(" "));
    }

    /** A row of the summary: one group of flows that differ only in their run. */
    private record Group(String profile, String load, String variant, String links, String traffic, String direction) {
        static Group of(PathResult r) {
            return new Group(r.profile(), r.load(), r.variant(), r.links(), r.traffic(), r.direction());
        }
    }

    static String markdown(List<PathResult> results, String command, String how, List<String> profileDescriptions) {
        StringBuilder out = new StringBuilder();
        out.append("Command: `").append(command).append("`\n\n").append(how).append("\n\n");
        profileDescriptions.forEach(d -> out.append("- ").append(d).append('\n'));
        out.append("\n| profile | load | variant | links | traffic | dir | Mbit/s min / med / max | vs ref min / med "
                + "| vs single min / med | vs no VPN min / med | tbf queue p50 ms, worst run | srtt above min p50 ms, worst run |\n");
        out.append("|---|---|---|---|---|---|---:|---:|---:|---:|---|---|\n");
        Map<Group, List<PathResult>> groups = results.stream()
                .collect(Collectors.groupingBy(Group::of, LinkedHashMap::new, Collectors.toList()));
        groups.forEach((g, rows) -> {
            Stats mbit = Stats.of(rows.stream().map(PathResult::mbit).toList());
            out.append("| ").append(String.join(" | ", g.profile(), g.load(), g.variant(), g.links(), g.traffic(), g.direction()))
                    .append(" | ").append(triple(mbit))
                    .append(" | ").append(ratio(rows, results, r -> r.variant().equals(g.variant()) && r.links().equals("ref"), g))
                    .append(" | ").append(ratio(rows, results, r -> r.variant().equals("single"), g))
                    .append(" | ").append(ratio(rows, results, r -> r.variant().equals("direct"), g))
                    .append(" | ").append(worstQueues(rows, PathResult::bottleneckQueueMs))
                    .append(" | ").append(worstQueues(rows, PathResult::queueMs))
                    .append(" |\n");
        });
        return out.toString();
    }

    /** Per run, this row over the matching row of the same run; min / median over the runs. */
    private static String ratio(List<PathResult> rows, List<PathResult> all, Predicate<PathResult> against, Group group) {
        List<Double> ratios = new ArrayList<>();
        for (PathResult row : rows) {
            Optional<PathResult> base = all.stream().filter(b -> b.sameFlow(row) && against.test(b)).findFirst();
            if (base.isPresent() && !base.get().equals(row)) {
                ratios.add(row.mbit() / base.get().mbit());
            }
        }
        if (ratios.isEmpty()) {
            return "";
        }
        Stats stats = Stats.of(ratios);
        return orFail("%.2f", stats.min()) + " / " + num("%.2f", stats.median());
    }

    private static String worstQueues(List<PathResult> rows, Function<PathResult, Map<String, Double>> queues) {
        Map<String, Double> worst = new LinkedHashMap<>();
        for (PathResult row : rows) {
            queues.apply(row).forEach((link, ms) -> worst.merge(link, ms, Math::max));
        }
        return worst.entrySet().stream().sorted(Map.Entry.comparingByKey())
                .map(e -> e.getKey() + " " + num("%.1f", e.getValue())).collect(Collectors.joining(", "));
    }

    private static String triple(Stats s) {
        return orFail("%.1f", s.min()) + " / " + num("%.1f", s.median()) + " / " + num("%.1f", s.max());
    }

    static void write(Path dir, List<PathResult> results, String command, String how, List<String> profiles)
            throws IOException {
        Files.createDirectories(dir);
        Files.writeString(dir.resolve("path.csv"), csv(results));
        Files.writeString(dir.resolve("path.md"), markdown(results, command, how, profiles));
    }

    /** A minimum over runs: NaN there means a run failed, which must show. */
    private static String orFail(String format, double value) {
        return Double.isNaN(value) ? "fail" : num(format, value);
    }

    /** A number, or an empty cell for NaN/infinite (not measured or failed). */
    static String num(String format, double value) {
        return Double.isNaN(value) || Double.isInfinite(value) ? "" : String.format(Locale.ROOT, format, value);
    }
}
