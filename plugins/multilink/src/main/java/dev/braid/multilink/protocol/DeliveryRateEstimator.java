package dev.braid.multilink.protocol;

/**
 * A link's delivery rate as TCP Westwood+ estimates it (Mascolo et al. 2001/2004, Linux
 * {@code net/ipv4/tcp_westwood.c}): packets acked over one sampling interval of about one RTT
 * (at least {@link #MIN_INTERVAL_NANOS}), low-pass filtered 7/8 old + 1/8 new, the first sample
 * taken as it is.
 *
 * <p>One change for a tunnel link: a sample from an interval in which the window was never the
 * limit (the inner flow offered less than the link could carry) only raises the estimate, never
 * lowers it, as BBR treats application-limited samples (draft-cheng-iccrg-delivery-rate-estimation
 * §3.4). An idle link keeps the capacity it last showed instead of decaying towards zero.
 */
final class DeliveryRateEstimator {
    /** Shortest sampling interval (Linux {@code TCP_WESTWOOD_RTT_MIN}, 50 ms). */
    static final long MIN_INTERVAL_NANOS = 50_000_000L;

    private long intervalStartNanos = Long.MIN_VALUE;
    private long ackedInInterval;
    private boolean windowLimitedInInterval;
    /** Filtered rate, packets per nanosecond; 0 before the first sample. */
    private double packetsPerNano;

    /**
     * Counts {@code newlyAcked} packets acked at {@code nowNanos}; closes the interval once it is
     * at least max(srtt, 50 ms) long.
     *
     * @param windowLimited whether cwnd limited sending when this ack came
     */
    void onAcked(long nowNanos, int newlyAcked, boolean windowLimited, long srttNanos) {
        if (intervalStartNanos == Long.MIN_VALUE) {
            intervalStartNanos = nowNanos; // the first ack only opens the first interval
            return;
        }
        ackedInInterval += newlyAcked;
        windowLimitedInInterval |= windowLimited;
        long elapsed = nowNanos - intervalStartNanos;
        if (elapsed < Math.max(srttNanos, MIN_INTERVAL_NANOS)) {
            return;
        }
        double sample = (double) ackedInInterval / elapsed;
        if (packetsPerNano == 0) {
            packetsPerNano = sample;
        } else if (windowLimitedInInterval || sample > packetsPerNano) {
            packetsPerNano = (7 * packetsPerNano + sample) / 8;
        }
        intervalStartNanos = nowNanos;
        ackedInInterval = 0;
        windowLimitedInInterval = false;
    }

    /** Estimated rate in packets per second; 0 before the first full interval. */
    double packetsPerSecond() {
        return packetsPerNano * 1e9;
    }

    /** Packets the estimated rate delivers in {@code rttNanos} (the pipe's size), rounded down. */
    int window(long rttNanos) {
        double packets = packetsPerNano * rttNanos;
        return packets >= Integer.MAX_VALUE ? Integer.MAX_VALUE : (int) packets;
    }
}
