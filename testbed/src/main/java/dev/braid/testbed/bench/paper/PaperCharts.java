package dev.braid.testbed.bench.paper;

import dev.braid.testbed.bench.Charts;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** One PNG per figure, drawn like the paper's: bars for figs. 4/5, in-order time series for 6-9. */
final class PaperCharts {
    private PaperCharts() {
    }

    static Path write(Path dir, PaperFigure fig, PaperResults results, String mode) throws IOException {
        Path file = dir.resolve(fig.file() + ".png");
        String title = fig.title() + " (" + mode + ")";
        if (!fig.timeSeries()) {
            Map<String, List<Double>> series = new LinkedHashMap<>();
            for (String s : fig.series()) {
                List<Double> values = new ArrayList<>();
                for (String category : fig.categories()) {
                    double v = 0;
                    for (PaperFigure.Row row : fig.rows()) {
                        if (row.series().equals(s) && row.category().equals(category)) {
                            v = results.of(row).aggregateMbit();
                        }
                    }
                    values.add(v);
                }
                series.put(s, values);
            }
            Charts.bars(file, title, fig.number() == 4 ? "Bandwidth ratio (Mbit/s in tenths of the sum); :0 = a single link"
                    : "RTT ratio (ms)", "Bandwidth (Mbit/s)", fig.categories(), series);
        } else {
            Map<String, double[][]> lines = new LinkedHashMap<>();
            for (PaperFigure.Row row : fig.rows()) {
                Measurement m = results.of(row);
                double[] y = m.inOrderPerBin();
                double[] x = new double[y.length];
                for (int i = 0; i < y.length; i++) {
                    x[i] = i * m.binSeconds(); // bin start, as in bench aggregation
                }
                lines.put(row.series() + " in-order (" + Math.round(m.binSeconds() * 1000) + " ms bins)",
                        new double[][] {x, y});
            }
            Charts.lines(file, title, "Time (s)", "In-order throughput (Mbit/s)", lines);
        }
        return file;
    }
}
