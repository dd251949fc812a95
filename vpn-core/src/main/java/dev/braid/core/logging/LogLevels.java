package dev.braid.core.logging;

import ch.qos.logback.classic.Logger;
import org.slf4j.LoggerFactory;

/**
 * Sets the level of Braid's own loggers ({@code dev.braid}). Libraries keep the WARN of
 * logback.xml: at debug Netty alone would flood the log.
 */
public final class LogLevels {
    /** The environment variable logback.xml reads at start; kept so existing units keep working. */
    public static final String ENVIRONMENT_VARIABLE = "BRAID_LOG_LEVEL";
    static final String BRAID_LOGGER = "dev.braid";

    private LogLevels() {}

    public static void apply(LogLevel level) {
        if (LoggerFactory.getLogger(BRAID_LOGGER) instanceof Logger braid) {
            braid.setLevel(level.toLogback());
        }
    }

    /** {@code debug}, {@code DEBUG} -> DEBUG; empty when the text names no level. */
    public static java.util.Optional<LogLevel> parse(String text) {
        for (LogLevel level : LogLevel.values()) {
            if (level.name().equalsIgnoreCase(text.strip())) {
                return java.util.Optional.of(level);
            }
        }
        return java.util.Optional.empty();
    }
}
