package dev.braid.testbed.bench;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.BitmapEncoder.BitmapFormat;
import org.knowm.xchart.CategoryChart;
import org.knowm.xchart.CategoryChartBuilder;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.internal.chartpart.Chart;
import org.knowm.xchart.style.markers.SeriesMarkers;

/**
 * The benches' shared plotting: grouped bars and line charts of one size and style, written as
 * PNG (XChart, headless). The bench commands set {@code java.awt.headless} before calling.
 */
public final class Charts {
    public static final int WIDTH = 1000;
    public static final int HEIGHT = 560;

    private Charts() {
    }

    /**
     * Grouped bars: one group per category, one bar per series (in map order); every series has
     * one value per category (0 = no bar).
     */
    public static void bars(Path file, String title, String xTitle, String yTitle, List<String> categories,
                            Map<String, List<Double>> series) throws IOException {
        CategoryChart chart = new CategoryChartBuilder().width(WIDTH).height(HEIGHT).title(title)
                .xAxisTitle(xTitle).yAxisTitle(yTitle).build();
        series.forEach((name, values) -> chart.addSeries(name, categories, values));
        chart.getStyler().setYAxisMin(0.0);
        chart.getStyler().setXAxisLabelRotation(categories.size() > 6 ? 30 : 0);
        save(chart, file);
    }

    /** Lines without markers: series name -> {x values, y values} (in map order). */
    public static void lines(Path file, String title, String xTitle, String yTitle, Map<String, double[][]> series)
            throws IOException {
        XYChart chart = new XYChartBuilder().width(WIDTH).height(HEIGHT).title(title)
                .xAxisTitle(xTitle).yAxisTitle(yTitle).build();
        series.forEach((name, xy) -> line(chart, name, xy[0], xy[1]));
        chart.getStyler().setYAxisMin(0.0);
        save(chart, file);
    }

    static void line(XYChart chart, String name, double[] x, double[] y) {
        XYSeries s = chart.addSeries(name, x, y);
        s.setMarker(SeriesMarkers.NONE);
    }

    /** Writes {@code chart} to {@code file} as PNG. */
    public static void save(Chart<?, ?> chart, Path file) throws IOException {
        try (OutputStream out = Files.newOutputStream(file)) {
            BitmapEncoder.saveBitmap(chart, out, BitmapFormat.PNG);
        }
    }
}
