package dev.braid.core.cli;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import sun.misc.Signal;

/**
 * SIGHUP reloads instead of stopping. The JVM's own SIGHUP handler runs the shutdown hooks (so a
 * plain {@code kill -HUP} used to stop the proxy and drop every session); this replaces it. The
 * handler runs on the JVM's signal thread, never on an event loop.
 */
final class HangupSignal {
    private static final Logger log = LoggerFactory.getLogger(HangupSignal.class);

    private HangupSignal() {}

    static void onHangup(Runnable reload) {
        try {
            Signal.handle(new Signal("HUP"), signal -> reload.run());
        } catch (IllegalArgumentException e) {
            // -Xrs or a JVM without SIGHUP: `braid reload` still works.
            log.warn("SIGHUP cannot be caught in this JVM ({}); reload with: braid reload", e.getMessage());
        }
    }
}
