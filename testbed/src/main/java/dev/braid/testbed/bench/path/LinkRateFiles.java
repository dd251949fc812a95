package dev.braid.testbed.bench.path;

import dev.braid.testbed.bench.Charts;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * What each link's bottleneck carried over time during one flow: a line per link (and their sum)
 * in {@code rates/FLOW.png}, and the points in {@code link-rates.csv}, one row per link and sample.
 */
final class LinkRateFiles {
    static final String CSV = "link-rates.csv";
    private static final String HEADER = "flow,link,t_s,mbit\n";

    private LinkRateFiles() {
    }

    static void write(Path out, String flow, String title, Map<String, double[][]> perLink) throws IOException {
        Path csv = Files.createDirectories(out).resolve(CSV); // the first flow comes before the first report
        StringBuilder rows = new StringBuilder(Files.exists(csv) ? "" : HEADER);
        perLink.forEach((link, xy) -> {
            for (int i = 0; i < xy[0].length; i++) {
                rows.append(String.format(Locale.ROOT, "%s,%s,%.2f,%.3f%n", flow, link, xy[0][i], xy[1][i]));
            }
        });
        Files.writeString(csv, rows, StandardOpenOption.CREATE, StandardOpenOption.APPEND);
        Map<String, double[][]> series = withSum(perLink);
        series.values().removeIf(xy -> xy[0].length == 0);
        if (series.isEmpty()) {
            return;
        }
        Path dir = Files.createDirectories(out.resolve("rates"));
        Charts.lines(dir.resolve(flow + ".png"), title, "time (s)", "Mbit/s at the bottleneck", series);
    }

    /** The links' series and, when they were sampled together (same length), their sum. */
    static Map<String, double[][]> withSum(Map<String, double[][]> perLink) {
        Map<String, double[][]> series = new LinkedHashMap<>(perLink);
        int n = perLink.values().stream().mapToInt(xy -> xy[0].length).min().orElse(0);
        boolean aligned = perLink.size() > 1 && perLink.values().stream().allMatch(xy -> xy[0].length == n);
        if (aligned && n > 0) {
            double[][] sum = new double[2][n];
            double[][] first = perLink.values().iterator().next();
            for (int i = 0; i < n; i++) {
                sum[0][i] = first[0][i];
                for (double[][] xy : perLink.values()) {
                    sum[1][i] += xy[1][i];
                }
            }
            series.put("sum", sum);
        }
        return series;
    }
}
