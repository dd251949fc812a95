package dev.braid.testbed.bench.realtime;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class ProbeStatsTest {
    private static final long MS = 1_000_000;
    private static final Duration TWENTY_MS = Duration.ofMillis(20);

    /** Seq {@code seq} sent at seq x 20 ms, arriving {@code delayMs} later. */
    private static ProbeSample arrival(int seq, double delayMs) {
        long sent = seq * 20 * MS;
        return new ProbeSample(seq, sent, sent + Math.round(delayMs * MS));
    }

    @Test
    void nearestRankPercentiles() {
        double[] tenValues = {1, 2, 3, 4, 5, 6, 7, 8, 9, 10};
        // p: the smallest value with at least p % of the values at or below it.
        double[][] table = {{50, 5}, {90, 9}, {99, 10}, {100, 10}, {10, 1}, {11, 2}, {0, 1}};
        for (double[] row : table) {
            assertEquals(row[1], ProbeStats.percentile(tenValues, row[0]), "p" + row[0]);
        }
        assertEquals(7, ProbeStats.percentile(new double[] {7}, 99));
        assertTrue(Double.isNaN(ProbeStats.percentile(new double[0], 50)));
    }

    @Test
    void everyPacketOnceInOrder() {
        List<ProbeSample> samples = new ArrayList<>();
        for (int seq = 0; seq < 100; seq++) {
            samples.add(arrival(seq, 5 + seq % 10));
        }
        ProbeStats stats = ProbeStats.of(samples, 100, TWENTY_MS);
        assertEquals(100, stats.received());
        assertEquals(0, stats.lossPercent());
        assertEquals(0, stats.duplicates());
        assertEquals(0, stats.reordered());
        assertEquals(9, stats.p50Ms(), 1e-9); // delays 5..14, ten of each
        assertEquals(13, stats.p90Ms(), 1e-9);
        assertEquals(14, stats.p99Ms(), 1e-9);
        assertEquals(14, stats.maxMs(), 1e-9);
        assertEquals(0, stats.longestLossRun());
        assertEquals(21, stats.longestGapMs(), 1e-9); // seq k at +5+k%10 ms, seq k+1 one ms later: 20 + 1
    }

    @Test
    void lossDuplicatesAndReorderingAreCountedApart() {
        List<ProbeSample> samples = List.of(
                arrival(0, 5), arrival(2, 5), arrival(1, 30), // 1 overtaken by 2: one reordered
                arrival(2, 6), // a duplicate: counted, not a second delay
                arrival(6, 5), // 3, 4, 5 lost: a run of three
                arrival(8, 5), // 7 lost
                arrival(9, 5), arrival(9, 9), arrival(9, 12), // two more duplicates
                arrival(42, 5), arrival(-1, 5)); // outside the probe: ignored
        ProbeStats stats = ProbeStats.of(samples, 10, TWENTY_MS);
        assertEquals(10, stats.sent());
        assertEquals(6, stats.received());
        assertEquals(40, stats.lossPercent(), 1e-9);
        assertEquals(3, stats.duplicates());
        assertEquals(1, stats.reordered());
        assertEquals(3, stats.longestLossRun());
        assertEquals(30, stats.maxMs(), 1e-9);
        assertEquals(5, stats.p50Ms(), 1e-9);
        assertEquals(75, stats.longestGapMs(), 1e-9); // seq 1 at 50 ms, seq 6 at 125 ms
        assertEquals(List.of(0, 2, 1, 6, 8, 9, 42, -1),
                ProbeStats.firstArrivals(samples).stream().map(ProbeSample::seq).toList());
    }

    @Test
    void aTailLostIsALossRunAndNothingReceivedIsNaN() {
        ProbeStats stats = ProbeStats.of(List.of(arrival(0, 5), arrival(1, 5)), 5, TWENTY_MS);
        assertEquals(3, stats.longestLossRun());
        assertEquals(60, stats.longestGapMs(), 1e-9, "the flow never came back: three intervals lost at the end");
        ProbeStats none = ProbeStats.of(List.of(), 50, TWENTY_MS);
        assertEquals(100, none.lossPercent());
        assertEquals(50, none.longestLossRun());
        assertTrue(Double.isNaN(none.p50Ms()) && Double.isNaN(none.maxMs()) && Double.isNaN(none.longestGapMs()));
    }

    @Test
    void datagramsRoundTripAndStrangersAreRejected() {
        byte[] buffer = new byte[2048];
        ProbePacket.data(123456, 987654321012L).encode(buffer);
        assertEquals(ProbePacket.data(123456, 987654321012L), ProbePacket.decode(buffer, ProbePacket.PAYLOAD_BYTES));
        ProbePacket.end(1000, 5).encode(buffer);
        assertEquals(ProbePacket.end(1000, 5), ProbePacket.decode(buffer, 160));
        assertNull(ProbePacket.decode(buffer, 161), "another size");
        buffer[0] ^= 1;
        assertNull(ProbePacket.decode(buffer, 160), "another magic");
    }

    @Test
    void cdfPointsEndAtTheLargestValueAndAllPackets() {
        double[][] cdf = RealtimeCharts.cdf(new double[] {1, 2, 3, 4});
        assertArrayEquals(new double[] {1, 2, 3, 4}, cdf[0]);
        assertArrayEquals(new double[] {25, 50, 75, 100}, cdf[1]);
        double[] many = new double[5000];
        for (int i = 0; i < many.length; i++) {
            many[i] = i;
        }
        double[][] thinned = RealtimeCharts.cdf(many);
        assertEquals(1000, thinned[0].length);
        assertEquals(4999, thinned[0][999]);
        assertEquals(100, thinned[1][999]);
    }
}
