package dev.braid.multilink.protocol;

/**
 * Tunables of the tunnel's own queue ({@link FqCoDelQueue}) and of the realtime copies' budget
 * ({@link RedundancyBudget}). Durations are nanoseconds. Use {@link #defaults()} or
 * {@link #builder()}; the constructor validates.
 *
 * @param aqm                 per-flow queues with CoDel; off: the sender-wide FIFO as before
 * @param targetNanos         CoDel's target: the standing sojourn time a flow may keep (5 ms);
 *                            {@link #TARGET_FROM_RTT}: 40 % of the interval, at least 5 ms
 * @param intervalNanos       CoDel's interval; {@link #INTERVAL_LARGEST_RTT}: the largest base RTT
 *                            of the links, at least 100 ms (an inner flow's RTT spans the slowest
 *                            link, and the interval is about one RTT of the flows it controls)
 * @param quantumBytes        deficit round robin's quantum: bytes a flow may send per turn (one MTU)
 * @param maxPackets          bound of the whole queue in packets
 * @param maxBytes            ...and in bytes; past either, the fattest flow loses packets at its head
 * @param redundancyRatio     redundant copies of realtime packets may use this many bytes per byte
 *                            of realtime packets sent (1.0: at most double the realtime rate)
 * @param redundancySaveNanos allowance not used for copies expires after one to two of these
 *                            (bounds the burst of copies after a quiet time)
 */
public record QueueSettings(
        boolean aqm,
        long targetNanos,
        long intervalNanos,
        int quantumBytes,
        int maxPackets,
        long maxBytes,
        double redundancyRatio,
        long redundancySaveNanos) {

    private static final long MS = 1_000_000L;
    /** {@link #intervalNanos()} that follows the links: the largest base RTT among them, at least 100 ms. */
    public static final long INTERVAL_LARGEST_RTT = 0;
    /**
     * {@link #targetNanos()} that follows the interval: 40 % of it, at least 5 ms. One loss-based
     * flow (CUBIC cuts its window to 0.7) keeps the links busy after a cut only if its queue held
     * 0.3 / 0.7 of a round trip; with RFC 8289's 5 ms a single flow over a 100 ms tunnel leaves the
     * links idle after every drop. The queue is per flow, so this standing queue delays only the
     * flow that builds it.
     */
    public static final long TARGET_FROM_RTT = 0;
    private static final double TARGET_SHARE_OF_INTERVAL = 0.4;
    private static final long MIN_TARGET_NANOS = 5 * MS;
    /** Floor of the automatic interval: RFC 8289's 100 ms, the RTT the Internet's buffers are sized for. */
    public static final long MIN_AUTO_INTERVAL_NANOS = 100 * MS;

    public QueueSettings {
        require(targetNanos >= 0, "targetNanos must be > 0 (or TARGET_FROM_RTT)");
        require(targetNanos != TARGET_FROM_RTT || intervalNanos == INTERVAL_LARGEST_RTT || intervalNanos > MIN_TARGET_NANOS,
                "intervalNanos must be > 5 ms when the target follows it");
        require(intervalNanos == INTERVAL_LARGEST_RTT || intervalNanos > targetNanos,
                "intervalNanos must be > targetNanos (or INTERVAL_LARGEST_RTT)");
        require(intervalNanos != INTERVAL_LARGEST_RTT || targetNanos < MIN_AUTO_INTERVAL_NANOS,
                "targetNanos must be < 100 ms when the interval follows the links");
        require(quantumBytes >= 1, "quantumBytes must be >= 1");
        require(maxPackets >= 1, "maxPackets must be >= 1");
        require(maxBytes >= 1, "maxBytes must be >= 1");
        require(redundancyRatio >= 0 && Double.isFinite(redundancyRatio), "redundancyRatio must be >= 0");
        require(redundancySaveNanos > 0, "redundancySaveNanos must be > 0");
    }

    private static void require(boolean ok, String message) {
        if (!ok) {
            throw new IllegalArgumentException(message);
        }
    }

    /**
     * Defaults: AQM on, target 5 ms, interval from the links, quantum 1500 bytes, 1024 packets
     * (the product's shared-queue bound) or 1.5 MB, copies up to the realtime rate, saved 50 ms.
     */
    public static QueueSettings defaults() {
        return builder().build();
    }

    /** CoDel's interval for links whose largest base RTT is {@code largestRttNanos}. */
    /** CoDel's target for links whose largest base RTT is {@code largestRttNanos}. */
    public long targetNanosFor(long largestRttNanos) {
        return targetNanos != TARGET_FROM_RTT ? targetNanos
                : Math.max(MIN_TARGET_NANOS, (long) (TARGET_SHARE_OF_INTERVAL * intervalNanosFor(largestRttNanos)));
    }

    public long intervalNanosFor(long largestRttNanos) {
        return intervalNanos != INTERVAL_LARGEST_RTT ? intervalNanos
                : Math.max(largestRttNanos, MIN_AUTO_INTERVAL_NANOS);
    }

    public static Builder builder() {
        return new Builder();
    }

    public Builder toBuilder() {
        return new Builder().aqm(aqm).targetNanos(targetNanos).intervalNanos(intervalNanos)
                .quantumBytes(quantumBytes).maxPackets(maxPackets).maxBytes(maxBytes)
                .redundancyRatio(redundancyRatio).redundancySaveNanos(redundancySaveNanos);
    }

    /** Mutable builder starting from the defaults. */
    public static final class Builder {
        private boolean aqm = true;
        private long targetNanos = 5 * MS;
        private long intervalNanos = INTERVAL_LARGEST_RTT;
        private int quantumBytes = 1500;
        private int maxPackets = 1024;
        private long maxBytes = 1024L * 1500;
        private double redundancyRatio = 1.0;
        private long redundancySaveNanos = 50 * MS;

        private Builder() {
        }

        public Builder aqm(boolean v) { aqm = v; return this; }
        public Builder targetNanos(long v) { targetNanos = v; return this; }
        public Builder intervalNanos(long v) { intervalNanos = v; return this; }
        public Builder quantumBytes(int v) { quantumBytes = v; return this; }
        public Builder maxPackets(int v) { maxPackets = v; return this; }
        public Builder maxBytes(long v) { maxBytes = v; return this; }
        public Builder redundancyRatio(double v) { redundancyRatio = v; return this; }
        public Builder redundancySaveNanos(long v) { redundancySaveNanos = v; return this; }

        public QueueSettings build() {
            return new QueueSettings(aqm, targetNanos, intervalNanos, quantumBytes, maxPackets,
                    maxBytes, redundancyRatio, redundancySaveNanos);
        }
    }
}
