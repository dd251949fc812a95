package dev.braid.testbed.bench.realtime;

import dev.braid.testbed.bench.Charts;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The PNGs of {@code bench realtime}, per scenario and direction: {@code cdf-SCENARIO-DIR.png}
 * (one-way delay of every first copy, all runs pooled, one line per variant) and
 * {@code time-SCENARIO-DIR.png} (each packet's delay against its send time in run 1).
 */
final class RealtimeCharts {
    /** More points than pixels only slow the encoder down. */
    private static final int MAX_CDF_POINTS = 1000;

    private RealtimeCharts() {}

    static void write(Path dir, List<RealtimeResult> results) throws IOException {
        Path charts = Files.createDirectories(dir.resolve("charts"));
        for (RealtimeScenario scenario : RealtimeScenario.values()) {
            for (String direction : List.of("up", "down")) {
                List<RealtimeResult> rows = results.stream()
                        .filter(r -> r.scenario() == scenario && r.direction().equals(direction)).toList();
                if (rows.isEmpty()) {
                    continue;
                }
                String name = scenario.label() + "-" + direction;
                Charts.lines(charts.resolve("cdf-" + name + ".png"), "One-way delay CDF, " + name, "one-way delay (ms)",
                        "packets (%)", cdfs(rows));
                Charts.lines(charts.resolve("time-" + name + ".png"), "One-way delay over time, " + name + ", run 1",
                        "send time (s)", "one-way delay (ms)", overTime(rows));
            }
        }
    }

    private static Map<String, double[][]> cdfs(List<RealtimeResult> rows) {
        Map<String, double[][]> series = new LinkedHashMap<>();
        for (String variant : rows.stream().map(RealtimeResult::variant).distinct().toList()) {
            double[] delays = rows.stream().filter(r -> r.variant().equals(variant))
                    .flatMap(r -> ProbeStats.firstArrivals(r.samples()).stream())
                    .mapToDouble(ProbeSample::delayMs).sorted().toArray();
            if (delays.length > 0) {
                series.put(variant, cdf(delays));
            }
        }
        return series;
    }

    /** {x: delay, y: % of packets at or below it}, thinned to at most {@value #MAX_CDF_POINTS} points. */
    static double[][] cdf(double[] sorted) {
        int points = Math.min(sorted.length, MAX_CDF_POINTS);
        double[] x = new double[points];
        double[] y = new double[points];
        for (int i = 0; i < points; i++) {
            int index = (int) ((long) (i + 1) * sorted.length / points) - 1;
            x[i] = sorted[index];
            y[i] = 100.0 * (index + 1) / sorted.length;
        }
        return new double[][] {x, y};
    }

    private static Map<String, double[][]> overTime(List<RealtimeResult> rows) {
        Map<String, double[][]> series = new LinkedHashMap<>();
        for (RealtimeResult r : rows) {
            List<ProbeSample> first = ProbeStats.firstArrivals(r.samples());
            if (r.run() != 1 || first.isEmpty()) {
                continue;
            }
            long origin = first.stream().mapToLong(ProbeSample::sentNanos).min().orElseThrow();
            ProbeSample[] bySend = first.stream().sorted((a, b) -> Long.compare(a.sentNanos(), b.sentNanos()))
                    .toArray(ProbeSample[]::new);
            series.put(r.variant(), new double[][] {
                    Arrays.stream(bySend).mapToDouble(s -> (s.sentNanos() - origin) / 1e9).toArray(),
                    Arrays.stream(bySend).mapToDouble(ProbeSample::delayMs).toArray()});
        }
        return series;
    }
}
