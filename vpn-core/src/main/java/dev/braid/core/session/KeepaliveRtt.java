package dev.braid.core.session;

/**
 * A link's round-trip time from keepalive echoes, the one RTT `braid status` shows: smoothed and
 * variance as RFC 6298 (gains 1/8 and 1/4), and the minimum seen. All -1 before the first sample.
 */
final class KeepaliveRtt {
    private long smoothedNanos = -1;
    private long varianceNanos = -1;
    private long minNanos = -1;

    void sample(long rttNanos) {
        if (rttNanos < 0) {
            return;
        }
        if (smoothedNanos < 0) {
            smoothedNanos = rttNanos;
            varianceNanos = rttNanos / 2;
            minNanos = rttNanos;
            return;
        }
        varianceNanos += (Math.abs(smoothedNanos - rttNanos) - varianceNanos) / 4;
        smoothedNanos += (rttNanos - smoothedNanos) / 8;
        minNanos = Math.min(minNanos, rttNanos);
    }

    long smoothedNanos() {
        return smoothedNanos;
    }

    long varianceNanos() {
        return varianceNanos;
    }

    long minNanos() {
        return minNanos;
    }
}
