package dev.braid.e2e;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.braid.testbed.netns.*;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * A real Prometheus server scrapes the proxy's endpoint (metrics.listen) inside the proxy's
 * namespace, and its query API returns Braid's per-link series for the logged-in user.
 */
class MetricsIT {
    private static final String METRICS = "127.0.0.1:9477";
    private static final String PROMETHEUS = "127.0.0.1:9490";

    @RegisterExtension
    final WorldExtension worlds = new WorldExtension("ping", "curl", "prometheus");

    @Test
    @Timeout(150)
    void prometheusScrapesPerLinkSeriesOfTheProxy() throws Exception {
        World world = worlds.world();
        ProxyTopology net = ProxyTopology.build(world, 1).user("alice");
        net.startProxy(true, "metrics:\n  listen: " + METRICS);
        net.proxy().awaitLog("metrics at http://127.0.0.1:9477/metrics", ProxyTopology.STARTUP);
        net.connectClient(0, "alice", "alice", "chacha20-poly1305");
        net.pingServer(0);

        world.start(net.proxyNs(), "prometheus.log", "prometheus", "--config.file=" + prometheusConfig(world.dir()),
                "--storage.tsdb.path=" + world.dir().resolve("tsdb"), "--web.listen-address=" + PROMETHEUS);
        String query = "braid_link_bytes_total{user=\"alice\",direction=\"in\"}";
        AtomicReference<JsonNode> result = new AtomicReference<>();
        World.await("Prometheus to return " + query, Duration.ofSeconds(60), () -> {
            result.set(query(net.proxyNs(), query));
            return result.get() != null && result.get().size() > 0;
        });
        JsonNode series = result.get().get(0);
        assertEquals("braid", series.at("/metric/job").asText(), series.toString());
        assertTrue(series.at("/metric/session").asText().matches("\\d+"), "session ids unsigned:\n" + series);
        assertTrue(Double.parseDouble(series.at("/value/1").asText()) > 0, series.toString());

        JsonNode up = query(net.proxyNs(), "up{job=\"braid\"}");
        assertEquals("1", up.at("/0/value/1").asText(), "Prometheus saw the endpoint down:\n" + up);
    }

    /** Scrapes the endpoint every second, asking for OpenMetrics (Prometheus's default). */
    private static Path prometheusConfig(Path dir) throws IOException {
        return Files.writeString(dir.resolve("prometheus.yml"), String.join("\n",
                "global:",
                "  scrape_interval: 1s",
                "scrape_configs:",
                "  - job_name: braid",
                "    static_configs:",
                "      - targets: ['" + METRICS + "']",
                ""));
    }

    /** The instant query's {@code data.result}, or null while Prometheus does not answer yet. */
    private static JsonNode query(Netns ns, String promql) {
        Netns.Result answer = ns.exec(Duration.ofSeconds(10), "curl", "-sf", "-G",
                "http://" + PROMETHEUS + "/api/v1/query", "--data-urlencode", "query=" + promql);
        if (!answer.ok()) {
            return null;
        }
        try {
            JsonNode json = new ObjectMapper().readTree(answer.output());
            return "success".equals(json.path("status").asText()) ? json.at("/data/result") : null;
        } catch (IOException e) {
            return null;
        }
    }
}
