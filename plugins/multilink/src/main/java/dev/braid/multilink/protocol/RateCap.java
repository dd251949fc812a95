package dev.braid.multilink.protocol;

/**
 * A link's {@code max-rate} as a pacer, sans I/O: each packet moves the link's next send time on by
 * its bytes at the cap, and a link idle for a while may send {@value #BURST_NANOS} ns worth at once.
 * A cap of 0 never holds a packet.
 */
final class RateCap {
    static final RateCap NONE = new RateCap(0);
    /** What a packet costs on the wire beyond its inner bytes (IPv4 + UDP 28, Braid header 12 and tag 16, multilink header 16). */
    static final int OVERHEAD_BYTES = 72;
    private static final long BURST_NANOS = 2_000_000;

    private final long bitsPerSecond;
    private long nextSendNanos = Long.MIN_VALUE;

    RateCap(long bitsPerSecond) {
        if (bitsPerSecond < 0) {
            throw new IllegalArgumentException("rate cap must not be negative: " + bitsPerSecond);
        }
        this.bitsPerSecond = bitsPerSecond;
    }

    long bitsPerSecond() {
        return bitsPerSecond;
    }

    /** Earliest time the next packet may leave; {@link Long#MIN_VALUE} without a cap. */
    long nextSendTimeNanos() {
        return nextSendNanos;
    }

    void onSent(long nowNanos, int innerBytes) {
        if (bitsPerSecond == 0) {
            return;
        }
        long start = nextSendNanos == Long.MIN_VALUE ? nowNanos - BURST_NANOS : Math.max(nextSendNanos, nowNanos - BURST_NANOS);
        nextSendNanos = start + (innerBytes + OVERHEAD_BYTES) * 8L * 1_000_000_000L / bitsPerSecond;
    }
}
