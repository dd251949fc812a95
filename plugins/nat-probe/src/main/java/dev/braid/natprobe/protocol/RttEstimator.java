package dev.braid.natprobe.protocol;

/** Smoothed RTT and its variation from probe replies, as RFC 6298 section 2 computes them. */
public final class RttEstimator {
    private long srttNanos = -1;
    private long rttvarNanos;
    private long latestNanos = -1;

    public void sample(long rttNanos) {
        if (rttNanos < 0) {
            throw new IllegalArgumentException("negative RTT " + rttNanos);
        }
        latestNanos = rttNanos;
        if (srttNanos < 0) {
            srttNanos = rttNanos;
            rttvarNanos = rttNanos / 2;
        } else {
            rttvarNanos = (3 * rttvarNanos + Math.abs(srttNanos - rttNanos)) / 4;
            srttNanos = (7 * srttNanos + rttNanos) / 8;
        }
    }

    public boolean hasSample() {
        return srttNanos >= 0;
    }

    /** Smoothed RTT, or -1 before the first sample. */
    public long srttNanos() {
        return srttNanos;
    }

    public long rttvarNanos() {
        return rttvarNanos;
    }

    /** The last sample, or -1 before the first. */
    public long latestNanos() {
        return latestNanos;
    }
}
