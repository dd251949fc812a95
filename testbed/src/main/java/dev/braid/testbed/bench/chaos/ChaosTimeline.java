package dev.braid.testbed.bench.chaos;

import dev.braid.testbed.netns.Iperf;
import java.util.Arrays;
import java.util.List;

/** What the flows' records say about one window of a chaos run (pure: the unit-tested part). */
final class ChaosTimeline {
    private ChaosTimeline() {
    }

    /**
     * The longest time in {@code [from, to)} without an arrival: gaps between arrivals that end in
     * the window (counted from the window's start at most), and the silence from the last arrival
     * to the window's end.
     *
     * @param arrivals arrival times, ascending
     */
    static double longestGapMs(long[] arrivals, long from, long to) {
        long longest = 0;
        long previous = from;
        int i = firstAtOrAfter(arrivals, from);
        if (i > 0) {
            previous = Math.max(from, arrivals[i - 1]);
        }
        for (; i < arrivals.length && arrivals[i] < to; i++) {
            longest = Math.max(longest, arrivals[i] - previous);
            previous = arrivals[i];
        }
        longest = Math.max(longest, to - previous);
        return longest / 1e6;
    }

    /** Whether anything arrived in {@code [from, to)}. */
    static boolean arrivedBetween(long[] arrivals, long from, long to) {
        int i = firstAtOrAfter(arrivals, from);
        return i < arrivals.length && arrivals[i] < to;
    }

    private static int firstAtOrAfter(long[] arrivals, long time) {
        int i = Arrays.binarySearch(arrivals, time);
        if (i < 0) {
            return -i - 1;
        }
        while (i > 0 && arrivals[i - 1] == time) {
            i--;
        }
        return i;
    }

    /**
     * The longest run, in seconds, of intervals overlapping {@code [fromSeconds, toSeconds)} whose
     * rate is below a tenth of the median interval's.
     */
    static double longestStallSeconds(List<Iperf.Interval> intervals, double fromSeconds, double toSeconds) {
        if (intervals.isEmpty()) {
            return Double.NaN;
        }
        double[] rates = intervals.stream().mapToDouble(Iperf.Interval::bitsPerSecond).sorted().toArray();
        double stalled = rates[rates.length / 2] / 10;
        double longest = 0;
        double run = 0;
        for (Iperf.Interval interval : intervals) {
            if (interval.end() <= fromSeconds || interval.start() >= toSeconds) {
                continue;
            }
            run = interval.bitsPerSecond() < stalled ? run + (interval.end() - interval.start()) : 0;
            longest = Math.max(longest, run);
        }
        return longest;
    }
}
