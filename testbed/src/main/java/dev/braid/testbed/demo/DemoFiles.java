package dev.braid.testbed.demo;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import javax.imageio.ImageIO;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.style.markers.SeriesMarkers;

/**
 * Writes a run's files into its output folder: {@code summary.txt}, {@code timeseries.csv} (one
 * row per second), {@code inorder-100ms.csv}, and the plots {@code throughput.png} (per link,
 * aggregate, in-order, like the paper's figures 6-9), {@code inorder.png} (in-order in 100 ms
 * bins against the aggregate) and {@code cwnd.png} (each link's CCID2 window). With
 * {@code --realtime} also {@code realtime-packets.csv} (every realtime packet's one-way delay),
 * {@code latency.png} (those delays over time) and the realtime columns of the time series.
 */
final class DemoFiles {
    static final String SUMMARY = "summary.txt";
    static final String TIMESERIES = "timeseries.csv";
    static final String INORDER_BINS = "inorder-100ms.csv";
    static final List<String> PLOTS = List.of("throughput.png", "inorder.png", "cwnd.png");
    static final String REALTIME_PACKETS = "realtime-packets.csv";
    static final String LATENCY_PLOT = "latency.png";
    private static final int WIDTH = 1000;
    private static final int HEIGHT = 500;

    private DemoFiles() {}

    static void write(DemoResult result, String summary, Path dir) throws IOException {
        System.setProperty("java.awt.headless", "true");
        // No temp-file cache: it registers a shutdown hook, which fails while Ctrl-C is being handled.
        ImageIO.setUseCache(false);
        Files.createDirectories(dir);
        Files.writeString(dir.resolve(SUMMARY), summary);
        Files.writeString(dir.resolve(TIMESERIES), timeseries(result));
        Files.writeString(dir.resolve(INORDER_BINS), inOrderBins(result));
        BitmapEncoder.saveBitmap(throughput(result), dir.resolve(PLOTS.get(0)).toString(), BitmapEncoder.BitmapFormat.PNG);
        BitmapEncoder.saveBitmap(inOrder(result), dir.resolve(PLOTS.get(1)).toString(), BitmapEncoder.BitmapFormat.PNG);
        BitmapEncoder.saveBitmap(cwnd(result), dir.resolve(PLOTS.get(2)).toString(), BitmapEncoder.BitmapFormat.PNG);
        if (result.realtime() != null) {
            Files.writeString(dir.resolve(REALTIME_PACKETS), realtimePackets(result.realtime()));
            BitmapEncoder.saveBitmap(latency(result), dir.resolve(LATENCY_PLOT).toString(),
                    BitmapEncoder.BitmapFormat.PNG);
        }
    }

    /** The names {@link #write} writes for this result. */
    static List<String> names(DemoResult result) {
        List<String> names = new ArrayList<>(List.of(SUMMARY, TIMESERIES, INORDER_BINS));
        names.addAll(PLOTS);
        if (result.realtime() != null) {
            names.addAll(List.of(REALTIME_PACKETS, LATENCY_PLOT));
        }
        return names;
    }

    static String timeseries(DemoResult r) {
        StringBuilder csv = new StringBuilder("seconds");
        for (int i = 0; i < r.settings().links().size(); i++) {
            String n = DemoWorld.linkName(i);
            csv.append(String.format(",%1$s_wire_mbps,%1$s_cwnd,%1$s_srtt_ms,%1$s_loss_pct,%1$s_share_pct,%1$s_queue_drops", n));
        }
        csv.append(",aggregate_goodput_mbps,inorder_goodput_mbps,resequencer_buffered,proxy_noroom_drops");
        if (r.realtime() != null) {
            csv.append(",rt_arrived,rt_p50_ms,rt_p99_ms,rt_max_ms,rt_judged,rt_lost,rt_link,rt_class,rt_copies,"
                    + "fast_link_one_way_ms");
        }
        csv.append('\n');
        for (Sample s : r.samples()) {
            csv.append(num(s.seconds()));
            for (Sample.LinkSample l : s.links()) {
                csv.append(',').append(num(l.wireMbps())).append(',').append(l.cwnd()).append(',').append(num(l.srttMillis()))
                        .append(',').append(num(l.lossPercent())).append(',').append(num(l.sharePercent()))
                        .append(',').append(l.queueDrops());
            }
            csv.append(',').append(num(s.aggregateMbps())).append(',').append(num(s.inOrderMbps()))
                    .append(',').append(s.resequencerBuffered()).append(',').append(s.proxyDrops());
            if (s.realtime() != null) {
                Sample.RealtimeSample rt = s.realtime();
                csv.append(',').append(rt.delay().count()).append(',').append(num(rt.delay().p50Millis()))
                        .append(',').append(num(rt.delay().p99Millis())).append(',').append(num(rt.delay().maxMillis()))
                        .append(',').append(rt.judged()).append(',').append(rt.lost()).append(',').append(rt.link())
                        .append(',').append(rt.flowClass()).append(',').append(rt.copies())
                        .append(',').append(num(r.realtime().fastLinkOneWayMillis()));
            }
            csv.append('\n');
        }
        return csv.toString();
    }

    static String realtimePackets(RealtimeResult rt) {
        StringBuilder csv = new StringBuilder("sent_seconds,one_way_ms\n");
        for (int i = 0; i < rt.sentSeconds().length; i++) {
            csv.append(num(rt.sentSeconds()[i])).append(',').append(num(rt.delayMillis()[i])).append('\n');
        }
        return csv.toString();
    }

    private static String inOrderBins(DemoResult r) {
        StringBuilder csv = new StringBuilder("seconds,inorder_goodput_mbps\n");
        double[][] xy = inOrderSeries(r);
        for (int i = 0; i < xy[0].length; i++) {
            csv.append(num(xy[0][i])).append(',').append(num(xy[1][i])).append('\n');
        }
        return csv.toString();
    }

    private static XYChart throughput(DemoResult r) {
        XYChart chart = chart(r, "Throughput over time", "Mbit/s");
        double[] t = column(r, Sample::seconds);
        for (int i = 0; i < r.settings().links().size(); i++) {
            int link = i;
            line(chart, DemoWorld.linkName(i) + " (" + r.settings().links().get(i).describe() + ", wire)", t,
                    column(r, s -> s.links().get(link).wireMbps()));
        }
        line(chart, "aggregate goodput", t, column(r, Sample::aggregateMbps));
        line(chart, "in-order goodput", t, column(r, Sample::inOrderMbps));
        return chart;
    }

    private static XYChart inOrder(DemoResult r) {
        XYChart chart = chart(r, "In-order goodput (" + Math.round(r.binSeconds() * 1000) + " ms bins) and aggregate (1 s)",
                "Mbit/s");
        double[][] bins = inOrderSeries(r);
        if (bins[0].length > 0) {
            line(chart, "in-order goodput", bins[0], bins[1]);
        }
        line(chart, "aggregate goodput", column(r, Sample::seconds), column(r, Sample::aggregateMbps));
        return chart;
    }

    private static XYChart cwnd(DemoResult r) {
        XYChart chart = chart(r, "CCID2 congestion window per link (proxy)", "packets");
        double[] t = column(r, Sample::seconds);
        for (int i = 0; i < r.settings().links().size(); i++) {
            int link = i;
            line(chart, DemoWorld.linkName(i), t, column(r, s -> s.links().get(link).cwnd()));
        }
        return chart;
    }

    private static XYChart latency(DemoResult r) {
        RealtimeResult rt = r.realtime();
        XYChart chart = chart(r, "Realtime stream: one-way delay per packet, beside the bulk stream", "ms");
        chart.getStyler().setDefaultSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Scatter);
        chart.getStyler().setMarkerSize(3);
        double[] x = rt.sentSeconds();
        double[] y = rt.delayMillis();
        if (x.length == 0) {
            x = new double[] {0};
            y = new double[] {0};
        }
        chart.addSeries("one-way delay (by send time)", x, y).setMarker(SeriesMarkers.CIRCLE);
        double end = Math.max(1, r.elapsedSeconds());
        double base = rt.fastLinkOneWayMillis();
        horizontal(chart, "fast link's one-way delay", end, base);
        horizontal(chart, "target p99 (fast link + " + (int) RealtimeTargets.P99_ABOVE_FAST_LINK_MS + " ms)", end,
                base + RealtimeTargets.P99_ABOVE_FAST_LINK_MS);
        return chart;
    }

    private static void horizontal(XYChart chart, String name, double end, double y) {
        chart.addSeries(name, new double[] {0, end}, new double[] {y, y})
                .setXYSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Line).setMarker(SeriesMarkers.NONE);
    }

    private static double[][] inOrderSeries(DemoResult r) {
        long[] bins = r.inOrderBins();
        double[] x = new double[bins.length];
        double[] y = new double[bins.length];
        for (int i = 0; i < bins.length; i++) {
            x[i] = (i + 1) * r.binSeconds();
            y[i] = bins[i] * r.settings().packetSize() * 8 / r.binSeconds() / 1e6;
        }
        return new double[][] {x, y};
    }

    private static XYChart chart(DemoResult r, String title, String yTitle) {
        XYChart chart = new XYChartBuilder().width(WIDTH).height(HEIGHT).title(title)
                .xAxisTitle("time (s)").yAxisTitle(yTitle).build();
        chart.getStyler().setDefaultSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Line);
        chart.getStyler().setMarkerSize(0);
        chart.getStyler().setXAxisMin(0.0);
        chart.getStyler().setYAxisMin(0.0);
        return chart;
    }

    private static void line(XYChart chart, String name, double[] x, double[] y) {
        if (x.length == 0) {
            // XChart refuses empty series: a single point at zero keeps the legend honest.
            x = new double[] {0};
            y = new double[] {0};
        }
        chart.addSeries(name, x, y).setMarker(SeriesMarkers.NONE);
    }

    private static double[] column(DemoResult r, java.util.function.ToDoubleFunction<Sample> f) {
        List<Double> values = new ArrayList<>();
        r.samples().forEach(s -> values.add(f.applyAsDouble(s)));
        return values.stream().mapToDouble(Double::doubleValue).toArray();
    }

    private static String num(double value) {
        return String.format(Locale.ROOT, "%.3f", value);
    }
}
