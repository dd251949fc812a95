package dev.braid.core.client;

import java.util.random.RandomGenerator;

/**
 * When the client asks a silent proxy again (a keepalive on every link): first at once, then
 * after an interval that doubles from {@code first} to {@code longest}, each spaced by a random
 * 80-120 %, so a fleet whose proxy is gone neither hammers it nor comes back in step.
 */
final class SilenceBackoff {
    private final long firstNanos;
    private final long longestNanos;
    private final RandomGenerator random;
    private long intervalNanos;
    private long nextNanos;
    private boolean asking;

    SilenceBackoff(long firstNanos, long longestNanos, RandomGenerator random) {
        if (firstNanos <= 0 || longestNanos < firstNanos) {
            throw new IllegalArgumentException("back-off needs 0 < first <= longest");
        }
        this.firstNanos = firstNanos;
        this.longestNanos = longestNanos;
        this.random = random;
    }

    /** Whether to ask now; call on each tick while the proxy is silent. */
    boolean due(long nowNanos) {
        if (!asking) {
            asking = true;
            intervalNanos = firstNanos;
            nextNanos = nowNanos;
        }
        if (nowNanos - nextNanos < 0) {
            return false;
        }
        nextNanos = nowNanos + (long) (intervalNanos * (0.8 + 0.4 * random.nextDouble()));
        intervalNanos = Math.min(longestNanos, intervalNanos * 2);
        return true;
    }

    /** The proxy answered: the next silence starts from the first interval again. */
    void reset() {
        asking = false;
    }
}
