package dev.braid.multilink.protocol;

/**
 * The smoothed-average/variance estimator of RFC 6298 §2 (alpha 1/8, beta 1/4), in whatever unit
 * the caller feeds it (nanoseconds for RTT, microseconds for relative one-way delay).
 */
public final class Rfc6298Estimator {
    private boolean hasSample;
    private long smoothed;
    private long variance;

    /** Feeds one sample R: the first sets SRTT=R, RTTVAR=R/2 (§2.2), later ones §2.3. */
    public void sample(long r) {
        if (!hasSample) {
            smoothed = r;
            variance = Math.abs(r) / 2;
            hasSample = true;
            return;
        }
        // RTTVAR first, with the old SRTT, as §2.3 requires.
        variance = variance - variance / 4 + Math.abs(smoothed - r) / 4;
        smoothed = smoothed - smoothed / 8 + r / 8;
    }

    public boolean hasSample() {
        return hasSample;
    }

    /** SRTT (0 before the first sample). */
    public long smoothed() {
        return smoothed;
    }

    /** RTTVAR (0 before the first sample). */
    public long variance() {
        return variance;
    }

    /** SRTT + max(G, 4*RTTVAR) (§2.3), unclamped; only meaningful after a sample. */
    public long bound(long granularity) {
        return smoothed + Math.max(granularity, 4 * variance);
    }
}
