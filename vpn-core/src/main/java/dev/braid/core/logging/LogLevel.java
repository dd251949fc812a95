package dev.braid.core.logging;

import ch.qos.logback.classic.Level;

/** The levels of {@code --log-level}, {@code logging.level} and BRAID_LOG_LEVEL (config text: {@code debug}). */
public enum LogLevel {
    ERROR, WARN, INFO, DEBUG, TRACE;

    Level toLogback() {
        return Level.toLevel(name());
    }
}
