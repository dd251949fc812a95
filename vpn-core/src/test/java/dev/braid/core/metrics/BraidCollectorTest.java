package dev.braid.core.metrics;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.braid.core.spi.LinkPriority;
import dev.braid.core.spi.LinkUse;
import dev.braid.core.wire.DropReason;
import io.prometheus.metrics.config.EscapingScheme;
import io.prometheus.metrics.expositionformats.OpenMetricsTextFormatWriter;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The series a scrape gets, in the OpenMetrics text Prometheus asks for. */
class BraidCollectorTest {
    private static final MetricsSample.LinkSample ETH0 = new MetricsSample.LinkSample("eth0", 0, true, 10, 1000, 20,
            3000, 8000, 24000, 0.0125, 0.0101, 0.002, "multilink", Map.of("cwnd", 14.0), LinkUse.DEFAULT, true, null);
    private static final MetricsSample.LinkSample LTE = new MetricsSample.LinkSample("lte", 1, false, 0, 0, 0, 0, 0, 0,
            -1, -1, -1, "multilink", Map.of(), new LinkUse(LinkPriority.BACKUP, 5_000_000), false,
            new MetricsSample.DataCapSample(1_500_000, 2_000_000));

    @Test
    void perSessionAndPerLinkSeriesWithBoundedLabels() throws IOException {
        Map<DropReason, Long> drops = new EnumMap<>(DropReason.class);
        for (DropReason reason : DropReason.values()) {
            drops.put(reason, reason == DropReason.UNKNOWN_SESSION ? 3L : 0L);
        }
        MetricsSample sample = new MetricsSample(List.of(new MetricsSample.SessionSample("2523639308", "alice", 0.5,
                List.of(ETH0, LTE))), 2, drops);
        String text = openMetrics(sample);
        String eth0 = "link=\"eth0\",link_id=\"0\",session=\"2523639308\",user=\"alice\"";
        assertTrue(text.contains("braid_sessions 3.0\n"), text);
        assertTrue(text.contains("braid_metrics_sessions_omitted 2.0\n"), text);
        assertTrue(text.contains("braid_session_idle_seconds{session=\"2523639308\",user=\"alice\"} 0.5\n"), text);
        assertTrue(text.contains("braid_link_bytes_total{direction=\"out\"," + eth0 + "} 1000.0\n"), text);
        assertTrue(text.contains("braid_link_bytes_total{direction=\"in\"," + eth0 + "} 3000.0\n"), text);
        assertTrue(text.contains("braid_link_rate_bits_per_second{direction=\"in\"," + eth0 + "} 24000.0\n"), text);
        assertTrue(text.contains("braid_link_rtt_seconds{" + eth0 + "} 0.0125\n"), text);
        assertTrue(text.contains("braid_link_multilink_cwnd{" + eth0 + "} 14.0\n"), text);
        assertTrue(text.contains("braid_link_up{link=\"lte\",link_id=\"1\",session=\"2523639308\",user=\"alice\"} 0.0\n"), text);
        assertFalse(text.contains("braid_link_rtt_seconds{link=\"lte\""), "no RTT series before a sample:\n" + text);
        String lte = "link=\"lte\",link_id=\"1\",session=\"2523639308\",user=\"alice\"";
        assertTrue(text.contains("braid_link_carrying{" + eth0 + "} 1.0\n"), text);
        assertTrue(text.contains("braid_link_carrying{" + lte + "} 0.0\n"), text);
        assertTrue(text.contains("braid_link_priority{" + lte + "} 2.0\n"), text);
        assertTrue(text.contains("braid_link_max_rate_bits_per_second{" + lte + "} 5000000.0\n"), text);
        assertFalse(text.contains("braid_link_max_rate_bits_per_second{" + eth0), "no cap, no series:\n" + text);
        assertTrue(text.contains("braid_link_data_used_bytes{" + lte + "} 1500000.0\n"), text);
        assertTrue(text.contains("braid_link_data_cap_bytes{" + lte + "} 2000000.0\n"), text);
        assertTrue(text.contains("braid_drops_total{reason=\"" + DropReason.UNKNOWN_SESSION.label() + "\"} 3.0\n"), text);
        assertTrue(text.contains("# TYPE braid_link_bytes counter\n") && text.endsWith("# EOF\n"), text);
    }

    private static String openMetrics(MetricsSample sample) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        OpenMetricsTextFormatWriter.create().write(out, BraidCollector.snapshots(sample), EscapingScheme.ALLOW_UTF8);
        return out.toString(StandardCharsets.UTF_8);
    }
}
