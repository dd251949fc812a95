package dev.braid.multilink.protocol;

/**
 * Receiver-side view of one link for the resequencer: the highest global seq it delivered (FIFO
 * rule) and its relative one-way delay. Delay samples are d = rx local µs - tx µs as a signed
 * 32-bit difference, then taken relative to the session's first sample d0 (so no later value
 * wraps); a constant clock offset is inside d0 and cancels.
 */
final class LinkDelayState {
    final int linkId;
    final Rfc6298Estimator owd = new Rfc6298Estimator();
    long maxRxGlobal = -1;
    long lastRxNanos;
    /** From the link's keepalive state: a down link does not set the aligned delay. */
    boolean up = true;

    // Two-bucket windowed minimum of the relative delay (LEDBAT-style base delay).
    private long minCurrent = Long.MAX_VALUE;
    private long minPrevious = Long.MAX_VALUE;
    private long bucketStartNanos;
    private boolean bucketStarted;

    LinkDelayState(int linkId, long nowNanos) {
        this.linkId = linkId;
        this.lastRxNanos = nowNanos;
    }

    void sample(long nowNanos, long relMicros, long windowNanos) {
        owd.sample(relMicros);
        if (!bucketStarted) {
            bucketStarted = true;
            bucketStartNanos = nowNanos;
        } else if (nowNanos - bucketStartNanos >= windowNanos / 2) {
            minPrevious = minCurrent;
            minCurrent = Long.MAX_VALUE;
            bucketStartNanos = nowNanos;
        }
        minCurrent = Math.min(minCurrent, relMicros);
    }

    /** Windowed minimum relative delay, {@link Long#MAX_VALUE} without samples. */
    long baseline() {
        return Math.min(minCurrent, minPrevious);
    }
}
