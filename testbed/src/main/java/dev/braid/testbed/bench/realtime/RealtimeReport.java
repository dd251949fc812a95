package dev.braid.testbed.bench.realtime;

import dev.braid.testbed.bench.path.Stats;
import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.ToDoubleFunction;
import java.util.stream.Collectors;

/**
 * {@code realtime.csv} (one row per probe), {@code realtime-samples.csv} (one row per arrival) and
 * {@code realtime.md}: per scenario, direction and variant the min / median / max over the runs,
 * then every target of issue 15 met or not by its worst run.
 */
final class RealtimeReport {
    static final String CSV_HEADER = "scenario,variant,direction,run,sent,received,loss_pct,duplicates,reordered,p50_ms,"
            + "p90_ms,p99_ms,max_ms,longest_gap_ms,longest_loss_run,bulk_alone_mbit,bulk_with_mbit,error";
    static final String SAMPLES_HEADER = "scenario,variant,direction,run,seq,sent_s,delay_ms";

    private RealtimeReport() {}

    static String csv(List<RealtimeResult> results) {
        StringBuilder out = new StringBuilder(CSV_HEADER).append('\n');
        for (RealtimeResult r : results) {
            ProbeStats s = r.stats();
            out.append(String.join(",", r.scenario().label(), r.variant(), r.direction(), String.valueOf(r.run()),
                    String.valueOf(s.sent()), String.valueOf(s.received()), fmt("%.3f", s.lossPercent()),
                    String.valueOf(s.duplicates()), String.valueOf(s.reordered()), fmt("%.2f", s.p50Ms()),
                    fmt("%.2f", s.p90Ms()), fmt("%.2f", s.p99Ms()), fmt("%.2f", s.maxMs()), fmt("%.1f", s.longestGapMs()),
                    String.valueOf(s.longestLossRun()), fmt("%.2f", r.bulkAloneMbit()), fmt("%.2f", r.bulkWithMbit()),
                    r.error() == null ? "" : '"' + r.error().replace('"', '\'').replace('\n', ' ') + '"')).append('\n');
        }
        return out.toString();
    }

    /** Every arrival of every probe; sent_s counts from the probe's first arrival's send time. */
    static void writeSamples(Path file, List<RealtimeResult> results) throws IOException {
        try (BufferedWriter out = Files.newBufferedWriter(file)) {
            out.write(SAMPLES_HEADER);
            out.newLine();
            for (RealtimeResult r : results) {
                long origin = r.samples().stream().mapToLong(ProbeSample::sentNanos).min().orElse(0);
                String key = String.join(",", r.scenario().label(), r.variant(), r.direction(), String.valueOf(r.run()));
                for (ProbeSample s : r.samples()) {
                    out.write(key + "," + s.seq() + "," + fmt("%.3f", (s.sentNanos() - origin) / 1e9) + ","
                            + fmt("%.3f", s.delayMs()));
                    out.newLine();
                }
            }
        }
    }

    private record Group(RealtimeScenario scenario, String direction, String variant) {}

    static String markdown(List<RealtimeResult> results, List<RealtimeVerdict> verdicts, String command, String how) {
        StringBuilder out = new StringBuilder();
        out.append("Command: `").append(command).append("`\n\n").append(how).append("\n\n");
        out.append("| scenario | dir | variant | p50 ms | p99 ms | max ms | loss % | dup | reord | longest gap ms "
                + "| bulk alone Mbit/s | bulk beside it Mbit/s | bulk kept % |\n");
        out.append("|---|---|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|\n");
        Map<Group, List<RealtimeResult>> groups = results.stream().collect(Collectors.groupingBy(
                r -> new Group(r.scenario(), r.direction(), r.variant()), LinkedHashMap::new, Collectors.toList()));
        groups.entrySet().stream()
                .sorted(Map.Entry.comparingByKey(Comparator.comparing(Group::scenario)
                        .thenComparing(Group::direction, Comparator.reverseOrder())))
                .forEach(e -> {
                    List<RealtimeResult> rows = e.getValue();
                    boolean bulk = e.getKey().scenario() == RealtimeScenario.BULK;
                    out.append("| ").append(String.join(" | ", e.getKey().scenario().label(), e.getKey().direction(),
                                    e.getKey().variant()))
                            .append(" | ").append(triple(rows, r -> r.stats().p50Ms(), "%.1f"))
                            .append(" | ").append(triple(rows, r -> r.stats().p99Ms(), "%.1f"))
                            .append(" | ").append(triple(rows, r -> r.stats().maxMs(), "%.0f"))
                            .append(" | ").append(triple(rows, r -> r.stats().lossPercent(), "%.2f"))
                            .append(" | ").append(triple(rows, r -> r.stats().duplicates(), "%.0f"))
                            .append(" | ").append(triple(rows, r -> r.stats().reordered(), "%.0f"))
                            .append(" | ").append(triple(rows, r -> r.stats().longestGapMs(), "%.0f"))
                            .append(" | ").append(bulk ? triple(rows, RealtimeResult::bulkAloneMbit, "%.2f") : "")
                            .append(" | ").append(bulk ? triple(rows, RealtimeResult::bulkWithMbit, "%.2f") : "")
                            .append(" | ").append(bulk ? triple(rows, RealtimeResult::bulkKeptPercent, "%.0f") : "")
                            .append(" |\n");
                });
        out.append("\nTargets of issue 15, each judged by its worst run (fast = the direct variant's idle p50 of the "
                + "same run and direction):\n\n| target | dir | variant | limit | worst run | its limit | verdict |\n"
                + "|---|---|---|---|---:|---:|---|\n");
        for (RealtimeVerdict v : verdicts) {
            out.append("| ").append(String.join(" | ", v.target().name(), v.direction(), v.variant(),
                    v.target().describeLimit(), orFail("%.2f", v.worstValue()) + " (run " + v.worstRun() + ")",
                    fmt("%.2f", v.worstLimit()), v.met() ? "met" : "**not met**")).append(" |\n");
        }
        return out.toString();
    }

    /** min / median / max over the runs; "fail" when a run failed (NaN). */
    private static String triple(List<RealtimeResult> rows, ToDoubleFunction<RealtimeResult> metric, String format) {
        Stats s = Stats.of(rows.stream().map(metric::applyAsDouble).toList());
        if (s.runs() == 1) {
            return orFail(format, s.min());
        }
        return orFail(format, s.min()) + " / " + fmt(format, s.median()) + " / " + fmt(format, s.max());
    }

    static void write(Path dir, List<RealtimeResult> results, List<RealtimeVerdict> verdicts, String command, String how)
            throws IOException {
        Files.createDirectories(dir);
        Files.writeString(dir.resolve("realtime.csv"), csv(results));
        writeSamples(dir.resolve("realtime-samples.csv"), results);
        Files.writeString(dir.resolve("realtime.md"), markdown(results, verdicts, command, how));
    }

    private static String orFail(String format, double value) {
        return Double.isNaN(value) ? "fail" : fmt(format, value);
    }

    /** A number, or an empty cell for NaN/infinite. */
    static String fmt(String format, double value) {
        return Double.isNaN(value) || Double.isInfinite(value) ? "" : String.format(Locale.ROOT, format, value);
    }

    /** A limit as written in the issue: 2, 0.1, 90. */
    static String num(double value) {
        return value == Math.rint(value) ? String.valueOf((long) value) : String.valueOf(value);
    }
}
