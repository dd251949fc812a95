package dev.braid.testbed.bench.realtime;

import java.time.Duration;
import java.util.Arrays;
import java.util.BitSet;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * What a VoIP-like flow met: loss, duplicates, reordering and the one-way delay of each packet's
 * first copy (the copy a jitter buffer plays). Percentiles are nearest-rank over the received
 * packets; every delay is NaN when none arrived.
 *
 * @param reordered       first copies that arrived after a higher seq had arrived
 * @param longestGapMs    longest time between two consecutive first arrivals (a cut, a hold, a burst of loss), or
 *                        a run of seqs lost at the start or the end (the flow never came back) times the
 *                        interval; NaN when nothing arrived
 * @param longestLossRun  most consecutive seqs never received
 */
public record ProbeStats(int sent, int received, int duplicates, int reordered, double p50Ms, double p90Ms, double p99Ms,
                         double maxMs, double longestGapMs, int longestLossRun) {

    public double lossPercent() {
        return sent == 0 ? Double.NaN : 100.0 * (sent - received) / sent;
    }

    /**
     * @param samples  every arrival in arrival order, seqs of 0 .. {@code sent}-1 (others are ignored)
     * @param interval between two sent datagrams
     */
    public static ProbeStats of(List<ProbeSample> samples, int sent, Duration interval) {
        BitSet seen = new BitSet(sent);
        double[] delays = new double[samples.size()];
        int received = 0;
        int duplicates = 0;
        int reordered = 0;
        int highest = -1;
        long lastArrival = 0;
        double longestGap = 0;
        for (ProbeSample s : samples) {
            if (s.seq() < 0 || s.seq() >= sent) {
                continue;
            }
            if (seen.get(s.seq())) {
                duplicates++;
                continue;
            }
            seen.set(s.seq());
            if (s.seq() < highest) {
                reordered++;
            }
            highest = Math.max(highest, s.seq());
            if (received > 0) {
                longestGap = Math.max(longestGap, (s.receivedNanos() - lastArrival) / 1e6);
            }
            lastArrival = s.receivedNanos();
            delays[received++] = s.delayMs();
        }
        if (received > 0) {
            // Lost at the edges: no arrival on that side to measure the gap from.
            int leading = seen.nextSetBit(0);
            int trailing = sent - 1 - seen.previousSetBit(sent - 1);
            longestGap = Math.max(longestGap, Math.max(leading, trailing) * interval.toNanos() / 1e6);
        }
        double[] sorted = Arrays.copyOf(delays, received);
        Arrays.sort(sorted);
        return new ProbeStats(sent, received, duplicates, reordered, percentile(sorted, 50), percentile(sorted, 90),
                percentile(sorted, 99), received == 0 ? Double.NaN : sorted[received - 1],
                received == 0 ? Double.NaN : longestGap,
                longestLossRun(seen, sent));
    }

    /** The first copy of each seq, in arrival order (what a jitter buffer plays). */
    public static List<ProbeSample> firstArrivals(List<ProbeSample> samples) {
        Set<Integer> seen = new HashSet<>();
        return samples.stream().filter(s -> seen.add(s.seq())).toList();
    }

    /** Nearest rank: the smallest value with at least {@code p} % of the values at or below it; NaN when empty. */
    static double percentile(double[] sorted, double p) {
        if (sorted.length == 0) {
            return Double.NaN;
        }
        int rank = (int) Math.ceil(p / 100 * sorted.length);
        return sorted[Math.max(0, Math.min(sorted.length, rank) - 1)];
    }

    private static int longestLossRun(BitSet seen, int sent) {
        int longest = 0;
        for (int lost = seen.nextClearBit(0); lost < sent; ) {
            int next = Math.min(sent, seen.nextSetBit(lost) < 0 ? sent : seen.nextSetBit(lost));
            longest = Math.max(longest, next - lost);
            lost = seen.nextClearBit(next);
        }
        return longest;
    }
}
