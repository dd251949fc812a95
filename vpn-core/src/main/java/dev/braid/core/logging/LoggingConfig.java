package dev.braid.core.logging;

import dev.braid.core.config.ConfigDescription;
import dev.braid.core.config.ConfigKey;

/** The {@code logging:} section, read by both roles. */
public final class LoggingConfig {
    private LogLevel level;

    /** Null when the file does not say: then BRAID_LOG_LEVEL, else info. */
    public LogLevel getLevel() {
        return level;
    }

    @ConfigKey("level")
    @ConfigDescription("level of Braid's own log lines: error, warn, info, debug (all config keys at start) or trace (per packet); "
            + "--log-level and the BRAID_LOG_LEVEL environment variable win over it; not set: info")
    public void setLevel(LogLevel level) {
        this.level = level;
    }
}
