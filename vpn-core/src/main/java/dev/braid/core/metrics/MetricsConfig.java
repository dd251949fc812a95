package dev.braid.core.metrics;

import dev.braid.core.config.ConfigDescription;
import dev.braid.core.config.ConfigKey;
import dev.braid.core.config.ConfigMin;
import dev.braid.core.config.HostPort;

/** The {@code metrics:} section of either role: a Prometheus endpoint, off unless {@code listen} is set. */
public final class MetricsConfig {
    private HostPort listen;
    private int maxSessions = 200;

    /** Null: no endpoint. */
    public HostPort getListen() {
        return listen;
    }

    @ConfigKey("listen")
    @ConfigDescription("address:port of the Prometheus endpoint (GET /metrics, OpenMetrics text), e.g. 127.0.0.1:9477; "
            + "not set: no endpoint")
    public void setListen(HostPort listen) {
        this.listen = listen;
    }

    public int getMaxSessions() {
        return maxSessions;
    }

    @ConfigKey("max-sessions")
    @ConfigMin(1)
    @ConfigDescription("sessions with their own series at most (those heard from last are left out and counted in "
            + "braid_metrics_sessions_omitted); bounds the label sets per scrape")
    public void setMaxSessions(int maxSessions) {
        this.maxSessions = maxSessions;
    }
}
