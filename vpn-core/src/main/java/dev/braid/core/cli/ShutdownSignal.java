package dev.braid.core.cli;

import java.util.concurrent.CountDownLatch;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps a long-running command alive until Ctrl-C or SIGTERM, then closes what it runs exactly
 * once (the JVM's shutdown hook), so the TUN, routes and netfilter tables are removed; systemd is
 * told STOPPING=1 first.
 */
final class ShutdownSignal {
    private static final Logger log = LoggerFactory.getLogger(ShutdownSignal.class);

    private ShutdownSignal() {}

    static void runUntilSignalled(String what, AutoCloseable running) throws InterruptedException {
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            log.info("stopping {}", what);
            SystemdNotify.fromEnvironment().stopping();
            try {
                running.close();
            } catch (Exception e) {
                log.warn("stopping {}: {}", what, e.getMessage());
            }
            stopped.countDown();
        }, "braid-shutdown"));
        stopped.await();
    }
}
