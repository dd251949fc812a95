package dev.braid.core.proxy;

import java.time.Duration;

/**
 * The "retry after" a BUSY carries: how long the login workers need for the work already
 * admitted (queued steps plus one PROOF step per open handshake), at their measured cost per
 * step, clamped so a client neither hammers nor gives up. The client adds its own jitter.
 */
final class BusyHint {
    static final Duration MIN = Duration.ofMillis(250);
    static final Duration MAX = Duration.ofSeconds(10);
    /** Weight of the newest step in the moving average of the cost. */
    private static final double WEIGHT = 0.05;
    /** Until measured: about one SRP step on the development machine. */
    private static final long INITIAL_COST_NANOS = 3_000_000;

    private double costNanos = INITIAL_COST_NANOS;

    /** One login step took this long on a worker. */
    void stepTook(long nanos) {
        costNanos += WEIGHT * (Math.max(0, nanos) - costNanos);
    }

    long costNanos() {
        return (long) costNanos;
    }

    /** @param backlog steps admitted and not yet done; @param workers threads that do them */
    Duration retryAfter(long backlog, int workers) {
        long nanos = (long) (Math.max(0, backlog) * costNanos / Math.max(1, workers));
        return Duration.ofNanos(Math.min(MAX.toNanos(), Math.max(MIN.toNanos(), nanos)));
    }
}
