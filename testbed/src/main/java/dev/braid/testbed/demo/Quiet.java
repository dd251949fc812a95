package dev.braid.testbed.demo;

import org.slf4j.LoggerFactory;

/**
 * Keeps the proxy's and client's start-up INFO lines from scrolling through the live view: the
 * demo logs warnings only, unless BRAID_LOG_LEVEL asks for more.
 */
final class Quiet {
    private Quiet() {}

    static void logs() {
        if (System.getenv("BRAID_LOG_LEVEL") != null) {
            return;
        }
        for (String name : new String[] {"dev.braid", "io.netty"}) {
            if (LoggerFactory.getLogger(name) instanceof ch.qos.logback.classic.Logger logger) {
                logger.setLevel(ch.qos.logback.classic.Level.WARN);
            }
        }
    }
}
