package dev.braid.testbed.demo;

import java.util.Arrays;
import java.util.Locale;

/**
 * One-way delays summarised: how many, the median, the 99th percentile and the worst. Percentiles
 * are nearest-rank (the smallest delay with at least p of all at or below it), so every figure is
 * a delay some packet really had; of one second of a 50-packet stream p99 is the worst but none.
 *
 * @param count packets summarised; the delays are NaN when it is 0
 */
record LatencyStats(int count, double p50Millis, double p99Millis, double maxMillis) {
    static final LatencyStats NONE = new LatencyStats(0, Double.NaN, Double.NaN, Double.NaN);

    /** The first {@code count} of {@code delaysNanos} (left as they are). */
    static LatencyStats of(long[] delaysNanos, int count) {
        if (count == 0) {
            return NONE;
        }
        long[] sorted = Arrays.copyOf(delaysNanos, count);
        Arrays.sort(sorted);
        return new LatencyStats(count, millis(rank(sorted, 0.50)), millis(rank(sorted, 0.99)),
                millis(sorted[count - 1]));
    }

    /** E.g. "p50 6.1 p99 9.8 max 12.0 ms", or "no packets". */
    String describe() {
        return count == 0 ? "no packets"
                : String.format(Locale.ROOT, "p50 %.1f p99 %.1f max %.1f ms", p50Millis, p99Millis, maxMillis);
    }

    /** Nearest rank: element ceil(p * n) of the sorted delays, counting from 1. */
    static long rank(long[] sorted, double p) {
        int index = (int) Math.ceil(p * sorted.length) - 1;
        return sorted[Math.max(0, Math.min(sorted.length - 1, index))];
    }

    private static double millis(long nanos) {
        return nanos / 1e6;
    }
}
