package dev.braid.testbed.bench;

import dev.braid.testbed.scenario.ScenarioResult;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/** Writes {@code aggregation.csv} and {@code aggregation.md} from the bench's runs. */
final class AggregationReport {
    static final String CSV_HEADER = "matrix,scenario,scheduler,sum_mbit,aggregate_mbit,in_order_mbit,reseq_p99_ms";
    /** Scheduler column of the single-link reference rows. */
    static final String BASELINE = "single-link";
    /** The targets, relative to the single-link reference. */
    static final double AGGREGATE_TARGET = 0.97;
    static final double IN_ORDER_TARGET = 0.95;

    private AggregationReport() {
    }

    /** One row per run, plus one {@value #BASELINE} row per case (after the case's first run). */
    static void writeCsv(Path file, List<BenchRun> runs) throws IOException {
        StringBuilder sb = new StringBuilder(CSV_HEADER).append('\n');
        Set<BenchCase> baselineWritten = new LinkedHashSet<>();
        for (BenchRun run : runs) {
            row(sb, run.benchCase(), run.scheduler(), run.result());
            if (baselineWritten.add(run.benchCase())) {
                row(sb, run.benchCase(), BASELINE, run.baseline());
            }
        }
        Files.writeString(file, sb.toString(), StandardCharsets.UTF_8);
    }

    private static void row(StringBuilder sb, BenchCase c, String scheduler, ScenarioResult r) {
        sb.append(String.format(Locale.ROOT, "%s,%s,%s,%d,%.3f,%.3f,%.2f%n", c.matrix(), c.label(),
                scheduler, c.sumMbit(), r.aggregateMbit(), r.inOrderMbit(), r.holdP99Nanos() / 1e6));
    }

    static void writeMarkdown(Path file, List<BenchRun> runs, String defaultScheduler, String settingsLine)
            throws IOException {
        StringBuilder sb = new StringBuilder("# Aggregation in virtual time\n\n");
        sb.append(settingsLine).append("\n\n");
        sb.append(defaultTable(runs, defaultScheduler));
        sb.append('\n').append(misses(runs, defaultScheduler));
        sb.append('\n').append(schedulerTable(runs));
        Files.writeString(file, sb.toString(), StandardCharsets.UTF_8);
    }

    /** The default scheduler's results with % of the link sum and of the single-link reference. */
    static String defaultTable(List<BenchRun> runs, String scheduler) {
        StringBuilder sb = new StringBuilder();
        sb.append("Scheduler `").append(scheduler).append("`. Goodput = inner bytes (1400 B packets); "
                + "reference = the same tunnel over one link of the summed rate.\n\n");
        sb.append("| sum Mbit/s | matrix | scenario | aggregate Mbit/s | % of sum | % of ref | "
                + "in-order Mbit/s | % of sum | % of ref | reseq hold p99 ms | buffer max pkts | wall ms |\n");
        sb.append("|---:|---|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|\n");
        for (BenchRun run : runs) {
            if (!run.scheduler().equals(scheduler)) {
                continue;
            }
            ScenarioResult r = run.result();
            sb.append(String.format(Locale.ROOT,
                    "| %d | %s | %s | %.3f | %.1f | %.1f | %.3f | %.1f | %.1f | %.1f | %d | %d |%n",
                    run.benchCase().sumMbit(), run.benchCase().matrix(), run.benchCase().label(),
                    r.aggregateMbit(), 100 * r.aggregateOfSum(), 100 * run.aggregateOfBaseline(),
                    r.inOrderMbit(), 100 * r.inOrderOfSum(), 100 * run.inOrderOfBaseline(),
                    r.holdP99Nanos() / 1e6, r.bufferMaxPackets(), r.wallNanos() / 1_000_000));
        }
        return sb.toString();
    }

    /** Cases where the default scheduler misses the 97 % / 95 % targets. */
    static String misses(List<BenchRun> runs, String scheduler) {
        List<String> lines = new ArrayList<>();
        for (BenchRun run : runs) {
            if (!run.scheduler().equals(scheduler)) {
                continue;
            }
            boolean agg = run.aggregateOfBaseline() < AGGREGATE_TARGET;
            boolean ord = run.inOrderOfBaseline() < IN_ORDER_TARGET;
            if (agg || ord) {
                lines.add(String.format(Locale.ROOT, "- %d Mbit/s %s: aggregate %.1f %%, in-order %.1f %% of the reference%n",
                        run.benchCase().sumMbit(), run.benchCase().label(), 100 * run.aggregateOfBaseline(),
                        100 * run.inOrderOfBaseline()));
            }
        }
        StringBuilder sb = new StringBuilder("Target (aggregate >= 97 %, in-order >= 95 % of the reference) missed by `")
                .append(scheduler).append("` in: ");
        if (lines.isEmpty()) {
            return sb.append("none.\n").toString();
        }
        sb.append("\n\n");
        lines.forEach(sb::append);
        return sb.toString();
    }

    /** In-order Mbit/s (hold p99 ms) per scheduler, one row per case. */
    static String schedulerTable(List<BenchRun> runs) {
        Map<BenchCase, Map<String, ScenarioResult>> byCase = new LinkedHashMap<>();
        Set<String> schedulers = new LinkedHashSet<>();
        for (BenchRun run : runs) {
            byCase.computeIfAbsent(run.benchCase(), c -> new LinkedHashMap<>()).put(run.scheduler(), run.result());
            schedulers.add(run.scheduler());
        }
        StringBuilder sb = new StringBuilder("All schedulers: in-order Mbit/s (resequencer hold p99 ms).\n\n");
        sb.append("| sum Mbit/s | scenario |");
        schedulers.forEach(s -> sb.append(' ').append(s).append(" |"));
        sb.append("\n|---:|---|");
        schedulers.forEach(s -> sb.append("---:|"));
        sb.append('\n');
        for (Map.Entry<BenchCase, Map<String, ScenarioResult>> e : byCase.entrySet()) {
            sb.append("| ").append(e.getKey().sumMbit()).append(" | ").append(e.getKey().label()).append(" |");
            for (String s : schedulers) {
                ScenarioResult r = e.getValue().get(s);
                sb.append(r == null ? " - |" : String.format(Locale.ROOT, " %.2f (%.0f) |", r.inOrderMbit(),
                        r.holdP99Nanos() / 1e6));
            }
            sb.append('\n');
        }
        return sb.toString();
    }
}
