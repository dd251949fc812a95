package dev.braid.core.lifecycle;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Start in dependency order, stop in reverse: every started component registers how to undo
 * itself, and {@link #stop()} runs those in reverse, collecting (not stopping at) errors. Safe to
 * call from a shutdown hook and more than once.
 */
public final class Lifecycle {
    private static final Logger log = LoggerFactory.getLogger(Lifecycle.class);

    /** One way to undo a started component. */
    @FunctionalInterface
    public interface Stopper {
        void stop() throws Exception;
    }

    private final Deque<Named> started = new ArrayDeque<>();

    private record Named(String name, Stopper stopper) {}

    /** Records that {@code name} is running and how to stop it. */
    public synchronized void started(String name, Stopper stopper) {
        started.push(new Named(name, stopper));
        log.debug("started {}", name);
    }

    /** Stops everything in reverse start order. @return the errors met, empty when clean */
    public synchronized List<Exception> stop() {
        List<Exception> errors = new ArrayList<>();
        while (!started.isEmpty()) {
            Named component = started.pop();
            try {
                component.stopper.stop();
                log.debug("stopped {}", component.name);
            } catch (Exception e) {
                log.warn("stopping {} failed: {}", component.name, e.getMessage());
                errors.add(e);
            }
        }
        return errors;
    }
}
