package dev.braid.testbed.scenario;

import dev.braid.testbed.link.CapacityTrace;

/**
 * One path of a scenario as the paper describes it: a bottleneck rate and a round-trip time.
 * The forward (data) direction gets the rate, half the RTT as one-way delay, the jitter and the
 * loss; the reverse (ack) direction gets the same one-way delay and jitter, no rate limit and no
 * loss.
 *
 * @param rateBitsPerSecond forward bottleneck rate (> 0)
 * @param rttNanos          base round-trip time (propagation only, no queueing)
 * @param jitterNanos       each direction's one-way delay varies uniformly in +-jitter (no reordering)
 * @param lossProbability   forward independent random loss in [0, 1]
 * @param trace             forward capacity trace (mahimahi) replacing the fixed rate, or null;
 *                          then {@code rateBitsPerSecond} should be the trace's average rate
 *                          (sums, queue sizes and scheduler weights use it)
 */
public record LinkProfile(long rateBitsPerSecond, long rttNanos, long jitterNanos, double lossProbability,
                          CapacityTrace trace) {

    public LinkProfile {
        if (rateBitsPerSecond <= 0) {
            throw new IllegalArgumentException("rate must be > 0");
        }
        if (rttNanos < 0 || jitterNanos < 0) {
            throw new IllegalArgumentException("rtt and jitter must be >= 0");
        }
        if (!(lossProbability >= 0 && lossProbability <= 1)) {
            throw new IllegalArgumentException("loss must be in [0, 1]");
        }
    }

    /** A link with a fixed rate (no trace). */
    public LinkProfile(long rateBitsPerSecond, long rttNanos, long jitterNanos, double lossProbability) {
        this(rateBitsPerSecond, rttNanos, jitterNanos, lossProbability, null);
    }

    /**
     * A link whose forward capacity follows {@code trace} (looping), with a round-trip time of
     * {@code rttMillis}; its nominal rate is the trace's average.
     */
    public static LinkProfile ofTrace(CapacityTrace trace, double rttMillis) {
        return new LinkProfile(Math.round(trace.averageRateBitsPerSecond()), Math.round(rttMillis * 1e6), 0, 0, trace);
    }

    /** A clean link: {@code mbit} Mbit/s (decimal) with a round-trip time of {@code rttMillis}. */
    public static LinkProfile of(double mbit, double rttMillis) {
        return new LinkProfile(Math.round(mbit * 1e6), Math.round(rttMillis * 1e6), 0, 0);
    }

    public LinkProfile withJitter(long nanos) {
        return new LinkProfile(rateBitsPerSecond, rttNanos, nanos, lossProbability, trace);
    }

    public LinkProfile withLoss(double probability) {
        return new LinkProfile(rateBitsPerSecond, rttNanos, jitterNanos, probability, trace);
    }

    /** One-way propagation delay of each direction (RTT / 2). */
    public long oneWayDelayNanos() {
        return rttNanos / 2;
    }
}
