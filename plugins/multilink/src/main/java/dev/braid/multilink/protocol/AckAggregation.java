package dev.braid.multilink.protocol;

/**
 * How many packets acks deliver beyond what the estimated rate explains, as Linux BBR's
 * {@code bbr_update_ack_aggregation} measures it: from the start of an epoch, the packets acked
 * less rate x elapsed time; the epoch starts anew whenever acks fall behind the rate. Jitter that
 * never reorders, Wi-Fi and LTE aggregation, a receiver's delayed acks and a busy host all hold
 * acks back and then release them together; while they are held the sender's window must cover
 * the packets still in flight, or the link idles. The estimate is the maximum over the last five
 * to ten rounds (two windows of five), at most the window it is given and 100 ms at the rate.
 */
final class AckAggregation {
    static final int WINDOW_ROUNDS = 5;
    static final long MAX_NANOS = 100_000_000L;
    private static final long EPOCH_RESET_PACKETS = 1L << 20;

    private final long[] windowMax = new long[2];
    private int window;
    private int windowRounds;
    private long epochStartNanos = Long.MIN_VALUE;
    private long epochAcked;

    /**
     * One ack.
     *
     * @param roundStart     this ack started a new round
     * @param acked          packets it newly acked
     * @param ratePerSecond  the estimated bottleneck rate, packets per second
     * @param cwnd           the window now (the estimate never exceeds it)
     */
    void onAck(long nowNanos, boolean roundStart, int acked, double ratePerSecond, int cwnd) {
        if (roundStart && ++windowRounds >= WINDOW_ROUNDS) {
            windowRounds = 0;
            window ^= 1;
            windowMax[window] = 0;
        }
        if (acked <= 0 || ratePerSecond <= 0) {
            return;
        }
        long expected = epochStartNanos == Long.MIN_VALUE ? 0 : (long) (ratePerSecond * (nowNanos - epochStartNanos) / 1e9);
        if (epochStartNanos == Long.MIN_VALUE || epochAcked <= expected || epochAcked + acked >= EPOCH_RESET_PACKETS) {
            epochAcked = 0;
            epochStartNanos = nowNanos;
            expected = 0;
        }
        epochAcked += acked;
        long extra = Math.min(epochAcked - expected, cwnd);
        windowMax[window] = Math.max(windowMax[window], extra);
    }

    /** Packets of aggregation to add to the window: the windowed maximum, at most 100 ms at {@code ratePerSecond}. */
    int extraPackets(double ratePerSecond) {
        long cap = (long) (ratePerSecond * MAX_NANOS / 1e9);
        return (int) Math.min(Math.max(windowMax[0], windowMax[1]), cap);
    }
}
