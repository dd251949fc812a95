package dev.braid.core.testing;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import org.slf4j.LoggerFactory;

/**
 * Raises one logger to WARN while a fuzz run drives thousands of fresh sessions (each may log
 * its links joining at INFO), and puts its level back afterwards.
 */
public final class QuietLogger implements AutoCloseable {
    private final Logger logger;
    private final Level before;

    public QuietLogger(Class<?> owner) {
        this.logger = (Logger) LoggerFactory.getLogger(owner);
        this.before = logger.getLevel();
        logger.setLevel(Level.WARN);
    }

    @Override
    public void close() {
        logger.setLevel(before);
    }
}
