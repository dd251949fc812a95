package dev.braid.testbed.demo;

import ch.qos.logback.classic.Level;
import java.util.LinkedHashMap;
import java.util.Map;
import org.slf4j.LoggerFactory;

/**
 * Keeps the proxy's and client's start-up INFO lines from scrolling through the live view: during
 * the run the demo logs warnings only, unless BRAID_LOG_LEVEL asks for more.
 */
final class Quiet implements AutoCloseable {
    private static final String[] LOGGERS = {"dev.braid", "io.netty"};
    private final Map<ch.qos.logback.classic.Logger, Level> previous = new LinkedHashMap<>();

    private Quiet() {}

    /** Lowers the noise until {@link #close}, which restores the levels before. */
    static Quiet logs() {
        Quiet quiet = new Quiet();
        if (System.getenv("BRAID_LOG_LEVEL") != null) {
            return quiet;
        }
        for (String name : LOGGERS) {
            if (LoggerFactory.getLogger(name) instanceof ch.qos.logback.classic.Logger logger) {
                quiet.previous.put(logger, logger.getLevel());
                logger.setLevel(Level.WARN);
            }
        }
        return quiet;
    }

    @Override
    public void close() {
        previous.forEach(ch.qos.logback.classic.Logger::setLevel);
    }
}
