package dev.braid.multilink.protocol;

/**
 * A link's bottleneck rate for the Westwood+ loss response of {@link Ccid2#westwood}: packets acked
 * per sampling interval of about one RTT (at least {@link #MIN_INTERVAL_NANOS}, as Linux
 * {@code tcp_westwood.c}), the estimate being the largest of the last {@link #SAMPLES} samples
 * (BBR's max filter over about ten round trips, draft-cheng-iccrg-delivery-rate-estimation).
 *
 * <p>Why a max and not Westwood+'s 7/8 low-pass: after each loss the link delivers only what its
 * reduced window lets through, so on a link with random loss (radio) a filtered mean follows its
 * own reductions down, one loss after the other. The max keeps what the link showed it can carry
 * until ten newer samples say otherwise (in virtual time, 1 % random loss on a 100-packet pipe,
 * before Ccid2's random-loss rule: 64 % of the capacity delivered with the max, 38 % with the
 * low-pass).
 *
 * <p>A sample from an interval in which the window never limited sending (the inner flow offered
 * less than the link could carry) is only taken when it raises the estimate, as BBR treats
 * application-limited samples: an idle link keeps the capacity it last showed.
 */
final class DeliveryRateEstimator {
    /** Shortest sampling interval (Linux {@code TCP_WESTWOOD_RTT_MIN}, 50 ms). */
    static final long MIN_INTERVAL_NANOS = 50_000_000L;
    /** Samples the max is taken over (BBR: about ten round trips). */
    static final int SAMPLES = 10;

    private long intervalStartNanos = Long.MIN_VALUE;
    private long ackedInInterval;
    private boolean windowLimitedInInterval;
    /** Latest samples, packets per nanosecond, in a ring; {@code taken} counts all ever taken. */
    private final double[] samples = new double[SAMPLES];
    private long taken;
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
        if (windowLimitedInInterval || sample > packetsPerNano) {
            take(sample);
        }
        intervalStartNanos = nowNanos;
        ackedInInterval = 0;
        windowLimitedInInterval = false;
    }

    private void take(double sample) {
        samples[(int) (taken++ % SAMPLES)] = sample;
        double max = 0;
        for (int i = 0; i < Math.min(taken, SAMPLES); i++) {
            max = Math.max(max, samples[i]);
        }
        packetsPerNano = max;
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
