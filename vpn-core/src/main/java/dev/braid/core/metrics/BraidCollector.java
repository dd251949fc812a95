package dev.braid.core.metrics;

import dev.braid.core.wire.DropReason;
import io.prometheus.metrics.model.registry.MultiCollector;
import io.prometheus.metrics.model.snapshots.CounterSnapshot;
import io.prometheus.metrics.model.snapshots.CounterSnapshot.CounterDataPointSnapshot;
import io.prometheus.metrics.model.snapshots.GaugeSnapshot;
import io.prometheus.metrics.model.snapshots.GaugeSnapshot.GaugeDataPointSnapshot;
import io.prometheus.metrics.model.snapshots.Labels;
import io.prometheus.metrics.model.snapshots.MetricSnapshot;
import io.prometheus.metrics.model.snapshots.MetricSnapshots;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/**
 * Braid's series, built from one {@link MetricsSample} per scrape (names in docs/operations.md).
 * Labels: {@code session} (unsigned id) and {@code user} per session, plus {@code link} and
 * {@code link_id} per link, {@code direction} (out, in) and {@code reason} for drops; the sample's
 * session bound keeps the label sets bounded.
 */
public final class BraidCollector implements MultiCollector {
    private final Supplier<MetricsSample> samples;

    public BraidCollector(Supplier<MetricsSample> samples) {
        this.samples = samples;
    }

    @Override
    public MetricSnapshots collect() {
        return snapshots(samples.get());
    }

    /** The series of {@code sample}; public for tests. */
    public static MetricSnapshots snapshots(MetricsSample sample) {
        Series series = new Series();
        series.gauge("braid_sessions", "sessions running now", Labels.EMPTY,
                sample.sessions().size() + sample.omittedSessions());
        series.gauge("braid_metrics_sessions_omitted", "sessions left out of the per-session series (metrics.max-sessions)",
                Labels.EMPTY, sample.omittedSessions());
        for (MetricsSample.SessionSample session : sample.sessions()) {
            Labels sessionLabels = Labels.of("session", session.id(), "user", session.user());
            series.gauge("braid_session_idle_seconds", "seconds since the peer was last heard", sessionLabels,
                    session.idleSeconds());
            for (MetricsSample.LinkSample link : session.links()) {
                link(series, sessionLabels.merge(Labels.of("link", link.name(), "link_id", Integer.toString(link.id()))),
                        link);
            }
        }
        for (Map.Entry<DropReason, Long> drop : sample.drops().entrySet()) {
            series.counter("braid_drops", "datagrams and packets dropped, by reason",
                    Labels.of("reason", drop.getKey().label()), drop.getValue());
        }
        return series.build();
    }

    private static void link(Series series, Labels labels, MetricsSample.LinkSample link) {
        series.gauge("braid_link_up", "1 while the link is up, 0 while liveness considers it down", labels, link.up() ? 1 : 0);
        series.gauge("braid_link_carrying", "1 while the link carries data: up, and of the best priority that is up",
                labels, link.carrying() ? 1 : 0);
        series.gauge("braid_link_priority", "the link's priority now: 0 primary, 1 secondary, 2 backup (also a link at its data cap)",
                labels, link.use().priority().code());
        if (link.use().maxRateBitsPerSecond() > 0) {
            series.gauge("braid_link_max_rate_bits_per_second", "the link's configured max-rate", labels,
                    link.use().maxRateBitsPerSecond());
        }
        if (link.dataCap() != null) {
            series.gauge("braid_link_data_used_bytes", "bytes the link moved in its data-cap period, outer headers included",
                    labels, link.dataCap().usedBytes());
            series.gauge("braid_link_data_cap_bytes", "the link's data-cap per period", labels, link.dataCap().capBytes());
        }
        Labels out = labels.add("direction", "out");
        Labels in = labels.add("direction", "in");
        series.counter("braid_link_packets", "datagrams on the link", out, link.packetsOut());
        series.counter("braid_link_packets", "datagrams on the link", in, link.packetsIn());
        series.counter("braid_link_bytes", "bytes of datagrams on the link", out, link.bytesOut());
        series.counter("braid_link_bytes", "bytes of datagrams on the link", in, link.bytesIn());
        series.gauge("braid_link_rate_bits_per_second", "rate over the last second or more", out, link.bitsPerSecondOut());
        series.gauge("braid_link_rate_bits_per_second", "rate over the last second or more", in, link.bitsPerSecondIn());
        if (link.rttSeconds() >= 0) {
            series.gauge("braid_link_rtt_seconds", "smoothed round-trip time from keepalives (RFC 6298)", labels,
                    link.rttSeconds());
            series.gauge("braid_link_rtt_min_seconds", "smallest keepalive round-trip time", labels, link.minRttSeconds());
            series.gauge("braid_link_rtt_variance_seconds", "RFC 6298 RTTVAR of the keepalive round-trip times", labels,
                    link.rttVarianceSeconds());
        }
        link.pathFigures().forEach((key, value) -> series.gauge("braid_link_" + link.dataPath().replace('-', '_') + "_" + key,
                "the " + link.dataPath() + " data path's " + key + " per link", labels, value));
    }

    /** Data points grouped by metric name, in first-seen order. */
    private static final class Series {
        private final Map<String, CounterSnapshot.Builder> counters = new LinkedHashMap<>();
        private final Map<String, GaugeSnapshot.Builder> gauges = new LinkedHashMap<>();

        void counter(String name, String help, Labels labels, double value) {
            counters.computeIfAbsent(name, n -> CounterSnapshot.builder().name(n).help(help))
                    .dataPoint(CounterDataPointSnapshot.builder().labels(labels).value(value).build());
        }

        void gauge(String name, String help, Labels labels, double value) {
            gauges.computeIfAbsent(name, n -> GaugeSnapshot.builder().name(n).help(help))
                    .dataPoint(GaugeDataPointSnapshot.builder().labels(labels).value(value).build());
        }

        MetricSnapshots build() {
            List<MetricSnapshot> all = new ArrayList<>();
            gauges.values().forEach(builder -> all.add(builder.build()));
            counters.values().forEach(builder -> all.add(builder.build()));
            return new MetricSnapshots(all);
        }
    }
}
