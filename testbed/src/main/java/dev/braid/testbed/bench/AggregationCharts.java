package dev.braid.testbed.bench;

import dev.braid.testbed.scenario.ScenarioResult;
import dev.braid.testbed.scenario.ThroughputSeries;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.knowm.xchart.CategoryChart;
import org.knowm.xchart.CategoryChartBuilder;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.internal.chartpart.Chart;

/** PNG plots in the style of the paper's figures 4-8 (XChart, rendered headless). */
final class AggregationCharts {
    private static final int WIDTH = Charts.WIDTH;
    private static final int HEIGHT = Charts.HEIGHT;

    private AggregationCharts() {
    }

    /**
     * Bars per scenario of one matrix and sum (figs. 4/5): single-link reference, multilink
     * aggregate, multilink in-order, and (if not null) the fastest link alone, the paper's "x:0".
     */
    static void bars(Path file, String title, List<BenchRun> runs, List<Double> fastestAlone) throws IOException {
        CategoryChart chart = new CategoryChartBuilder().width(WIDTH).height(HEIGHT).title(title)
                .xAxisTitle("Scenario").yAxisTitle("Goodput (Mbit/s)").build();
        List<String> labels = new ArrayList<>();
        List<Double> reference = new ArrayList<>();
        List<Double> aggregate = new ArrayList<>();
        List<Double> inOrder = new ArrayList<>();
        for (BenchRun run : runs) {
            labels.add(run.benchCase().label());
            reference.add(run.baseline().aggregateMbit());
            aggregate.add(run.result().aggregateMbit());
            inOrder.add(run.result().inOrderMbit());
        }
        if (fastestAlone != null) {
            chart.addSeries("Fastest link alone", labels, fastestAlone);
        }
        chart.addSeries("Single link of the summed rate", labels, reference);
        chart.addSeries("Multi-link aggregate", labels, aggregate);
        chart.addSeries("Multi-link in-order", labels, inOrder);
        chart.getStyler().setYAxisMin(0.0);
        chart.getStyler().setXAxisLabelRotation(labels.size() > 6 ? 30 : 0);
        save(chart, file);
    }

    /** In-order (and aggregate, per-link) throughput over time (figs. 6-8). */
    static void timeSeries(Path file, String title, ScenarioResult result) throws IOException {
        XYChart chart = new XYChartBuilder().width(WIDTH).height(HEIGHT).title(title)
                .xAxisTitle("Time (s)").yAxisTitle("Throughput (Mbit/s)").build();
        ThroughputSeries ts = result.series();
        int n = ts.bins();
        double[] x = new double[n];
        double[] inOrder = new double[n];
        double[] aggregate = new double[n];
        double[][] links = new double[ts.links()][n];
        for (int i = 0; i < n; i++) {
            x[i] = ts.binStartSeconds(i);
            inOrder[i] = ts.inOrderMbit(i);
            aggregate[i] = ts.aggregateMbit(i);
            for (int l = 0; l < ts.links(); l++) {
                links[l][i] = ts.linkMbit(l, i);
            }
        }
        line(chart, "In-order (to TUN)", x, inOrder);
        line(chart, "Aggregate (arrived)", x, aggregate);
        for (int l = 0; l < ts.links(); l++) {
            line(chart, "Link " + l, x, links[l]);
        }
        chart.getStyler().setYAxisMin(0.0);
        save(chart, file);
    }

    private static void line(XYChart chart, String name, double[] x, double[] y) {
        Charts.line(chart, name, x, y);
    }

    private static void save(Chart<?, ?> chart, Path file) throws IOException {
        Charts.save(chart, file);
    }
}
