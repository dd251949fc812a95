package dev.braid.core.cli;

import dev.braid.core.metrics.MetricsConfig;
import dev.braid.core.metrics.MetricsEndpoint;
import dev.braid.core.metrics.MetricsSample;
import java.util.Optional;
import java.util.function.IntFunction;

/** The Prometheus endpoint of a running role, when {@code metrics.listen} is set (off by default). */
final class MetricsStartup {
    private MetricsStartup() {}

    /**
     * @param samples the running client's or proxy's sample, given the session bound
     * @param running closed when the endpoint cannot start (the start fails as a whole)
     */
    static Optional<MetricsEndpoint> start(Bootstrap.Loaded loaded, IntFunction<MetricsSample> samples,
                                           AutoCloseable running) throws Exception {
        MetricsConfig metrics = loaded.document().section(Bootstrap.METRICS_SECTION, MetricsConfig.class);
        if (metrics.getListen() == null) {
            return Optional.empty();
        }
        int maxSessions = metrics.getMaxSessions();
        try {
            return Optional.of(MetricsEndpoint.start(metrics.getListen(), () -> samples.apply(maxSessions)));
        } catch (RuntimeException e) {
            running.close();
            throw e;
        }
    }
}
