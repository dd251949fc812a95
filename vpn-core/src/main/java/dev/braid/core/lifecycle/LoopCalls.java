package dev.braid.core.lifecycle;

import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * A value only the event loop may compute (sessions are the loop's), asked for from another thread
 * (control socket, metrics scrape, reload) that waits at most 5 s. Never call it on the loop.
 */
public final class LoopCalls {
    private static final long TIMEOUT_SECONDS = 5;

    private LoopCalls() {}

    /** @throws IllegalStateException saying {@code what} could not be had, and why */
    public static <T> T call(ExecutorService loop, String what, Callable<T> task) {
        try {
            return loop.submit(task).get(TIMEOUT_SECONDS, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(what + " unavailable: interrupted", e);
        } catch (ExecutionException e) {
            throw new IllegalStateException(what + " unavailable: " + e.getCause(), e.getCause());
        } catch (TimeoutException e) {
            throw new IllegalStateException(what + " unavailable: the event loop did not answer within "
                    + TIMEOUT_SECONDS + " s", e);
        }
    }
}
