package dev.braid.core.metrics;

import dev.braid.core.config.HostPort;
import dev.braid.core.lifecycle.StartupException;
import io.prometheus.metrics.exporter.httpserver.HTTPServer;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import java.io.IOException;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The Prometheus endpoint ({@code metrics: listen:}): GET /metrics answers in the OpenMetrics or
 * Prometheus text format, as the scraper asks. Served by the client library's own HTTP threads;
 * each scrape copies a sample on the event loop and renders it off the loop.
 */
public final class MetricsEndpoint implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(MetricsEndpoint.class);

    private final HTTPServer server;

    private MetricsEndpoint(HTTPServer server) {
        this.server = server;
    }

    /** @throws StartupException naming the address when it cannot be bound */
    public static MetricsEndpoint start(HostPort listen, Supplier<MetricsSample> samples) {
        PrometheusRegistry registry = new PrometheusRegistry(); // Braid's series only, not a JVM-wide default
        registry.register(new BraidCollector(samples));
        try {
            HTTPServer server = HTTPServer.builder().hostname(listen.host()).port(listen.port()).registry(registry)
                    .buildAndStart();
            log.info("metrics at http://{}:{}/metrics", listen.host(), server.getPort());
            return new MetricsEndpoint(server);
        } catch (IOException e) {
            throw new StartupException("cannot serve metrics on " + listen + ": " + e.getMessage()
                    + " (metrics.listen: another address or port, or remove the key)", e);
        }
    }

    public int port() {
        return server.getPort();
    }

    @Override
    public void close() {
        server.close();
    }
}
