package dev.braid.multilink.protocol;

/**
 * BBR's delay signal: a round whose every RTT sample stayed above the min RTT by more than the
 * path's own variation (plus an allowance) found a queue standing at the bottleneck, which means
 * the sender paces above the link: the max filter of delivery-rate samples reads high whenever
 * jitter, aggregated acks or a late sender bunch the acks. The guard then caps the rate at what
 * that round delivered (BBRv2's {@code bw_lo}, set from delay rather than loss) and the caller
 * drains the queue; the cap lifts when the next bandwidth probe starts.
 *
 * <p>The path's own variation is the excess one round shows right after a drain emptied the
 * queue: jitter that never reorders lifts a whole round's minimum as a queue does, but a drain
 * does not lower it. Only rounds spent entirely cruising (gain 1) are judged.
 */
final class StandingQueueGuard {
    /**
     * A queue shorter than this, a tenth of the min RTT or {@link #ALLOWANCE_PACKETS} at the rate
     * (whichever is longest) is left alone: a paced sender always queues a packet or two.
     */
    static final long ALLOWANCE_NANOS = 4_000_000L;
    static final double ALLOWANCE_SHARE_OF_MIN_RTT = 0.1;
    static final int ALLOWANCE_PACKETS = 3;
    /** One round's cut never goes below this share of the rate paced so far. */
    static final double DEEPEST_CUT = 0.9;
    /** A queue stands when this many judged rounds in a row found it (jitter rarely lifts two). */
    static final int ROUNDS_ABOVE = 1;
    /** The path's variation is learnt again after this long: paths change. */
    static final long FLOOR_LIFETIME_NANOS = 10_000_000_000L;

    private long roundMinRttNanos = Long.MAX_VALUE;
    private long roundStartNanos = Long.MIN_VALUE;
    private long roundStartDelivered;
    private boolean roundCruising;
    private boolean floorNextRound;
    private boolean floorRound;
    private long pathFloorNanos;
    private long floorStampNanos;
    private int roundsAbove;
    private double rateCap = Double.POSITIVE_INFINITY;

    /** An RTT sample of the current round. */
    void onRttSample(long rttNanos) {
        if (rttNanos > 0) {
            roundMinRttNanos = Math.min(roundMinRttNanos, rttNanos);
        }
    }

    /** The sender is not cruising (probing, draining, PROBE_RTT): this round is not judged. */
    void notCruising() {
        roundCruising = false;
    }

    /** A drain just emptied the queue: the next round shows the path's own variation. */
    void drained(long nowNanos) {
        floorNextRound = true;
        floorStampNanos = nowNanos;
    }

    /** A bandwidth probe starts: it may find more than the cap, so the cap lifts. */
    void liftCap() {
        rateCap = Double.POSITIVE_INFINITY;
    }

    /** The rate cap, packets per second; infinite when none. */
    double rateCap() {
        return rateCap;
    }

    /** The excess of a round's minimum RTT that a drain did not remove, ns. */
    long pathFloorNanos() {
        return pathFloorNanos;
    }

    /**
     * A round ends and the next begins.
     *
     * @param delivered  packets delivered so far
     * @param minRttNanos the link's min RTT ({@code Long.MAX_VALUE} before any sample)
     * @param rate       the rate the sender paces at before the cap, packets per second
     * @param cruising   the next round starts cruising
     * @return true if the ended round found a standing queue: the cap is set and the caller drains
     */
    boolean onRoundStart(long nowNanos, long delivered, long minRttNanos, double rate, boolean cruising) {
        boolean standing = false;
        if (pathFloorNanos > 0 && nowNanos - floorStampNanos > FLOOR_LIFETIME_NANOS) {
            pathFloorNanos = 0;
        }
        if (roundCruising && roundMinRttNanos != Long.MAX_VALUE && minRttNanos != Long.MAX_VALUE
                && roundStartNanos != Long.MIN_VALUE && nowNanos > roundStartNanos) {
            long excess = Math.max(0, roundMinRttNanos - minRttNanos);
            if (floorRound) {
                pathFloorNanos = excess;
            } else if (excess <= pathFloorNanos + allowance(minRttNanos, rate)) {
                roundsAbove = 0;
            } else if (++roundsAbove >= ROUNDS_ABOVE) {
                roundsAbove = 0;
                double measured = (delivered - roundStartDelivered) * 1e9 / (nowNanos - roundStartNanos);
                double paced = Math.min(rate, rateCap);
                rateCap = Math.max(DEEPEST_CUT * paced, Math.min(measured, paced));
                standing = true;
            }
        }
        floorRound = floorNextRound && cruising;
        floorNextRound = false;
        roundCruising = cruising;
        roundMinRttNanos = Long.MAX_VALUE;
        roundStartNanos = nowNanos;
        roundStartDelivered = delivered;
        return standing;
    }

    private static long allowance(long minRttNanos, double rate) {
        long packets = rate > 0 ? (long) (ALLOWANCE_PACKETS * 1e9 / rate) : 0;
        return Math.max(Math.max(ALLOWANCE_NANOS, packets), (long) (minRttNanos * ALLOWANCE_SHARE_OF_MIN_RTT));
    }
}
