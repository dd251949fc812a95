package dev.braid.multilink.protocol;

/**
 * The knobs CoDel's control law reads, shared by every {@link CoDel} of one queue (as Linux
 * shares {@code codel_params} among fq_codel's flows), so the sender moves the interval of all
 * flows with one call when the links' RTT changes.
 */
final class CoDelParameters {
    private long targetNanos;
    private final long minBacklogBytes;
    private long intervalNanos;

    /**
     * @param targetNanos     acceptable standing sojourn time (RFC 8289: 5 ms)
     * @param intervalNanos   how long the sojourn must stay above target before a drop; about
     *                        the inner flows' worst RTT (RFC 8289: 100 ms)
     * @param minBacklogBytes a queue holding at most this much behind the packet is never
     *                        dropped from: one MTU (RFC 8289's MAXPACKET)
     */
    CoDelParameters(long targetNanos, long intervalNanos, long minBacklogBytes) {
        if (targetNanos <= 0) {
            throw new IllegalArgumentException("target must be > 0");
        }
        if (minBacklogBytes < 0) {
            throw new IllegalArgumentException("minBacklogBytes must be >= 0");
        }
        this.targetNanos = targetNanos;
        this.minBacklogBytes = minBacklogBytes;
        setIntervalNanos(intervalNanos);
    }

    long targetNanos() {
        return targetNanos;
    }

    long intervalNanos() {
        return intervalNanos;
    }

    long minBacklogBytes() {
        return minBacklogBytes;
    }

    /** Both at once (the target may follow the interval); from the next decision on. */
    void set(long targetNanos, long intervalNanos) {
        if (targetNanos <= 0 || intervalNanos <= targetNanos) {
            throw new IllegalArgumentException("need 0 < target < interval, got " + targetNanos + " and " + intervalNanos);
        }
        this.targetNanos = targetNanos;
        this.intervalNanos = intervalNanos;
    }

    /** Takes effect at the next decision of every CoDel sharing these parameters. */
    void setIntervalNanos(long intervalNanos) {
        if (intervalNanos <= targetNanos) {
            throw new IllegalArgumentException("interval must be > target");
        }
        this.intervalNanos = intervalNanos;
    }
}
