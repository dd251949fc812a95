package dev.braid.testbed.bench.chaos;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.braid.testbed.netns.Iperf;
import java.util.List;
import java.util.stream.LongStream;
import org.junit.jupiter.api.Test;

class ChaosTimelineTest {
    private static final long MS = 1_000_000L;
    /** Arrivals every 20 ms from 0 to 1 s, none from 1 s to 1.5 s, then every 20 ms to 3 s. */
    private static final long[] ARRIVALS = arrivals();

    private static long[] arrivals() {
        return LongStream.rangeClosed(0, 150).map(i -> i * 20 * MS).filter(t -> t <= 1000 * MS || t >= 1500 * MS)
                .toArray();
    }

    @Test
    void theLongestGapIsTheSilenceInsideTheWindowNotBeforeIt() {
        assertEquals(500, ChaosTimeline.longestGapMs(ARRIVALS, 900 * MS, 2000 * MS), 1e-9);
        assertEquals(300, ChaosTimeline.longestGapMs(ARRIVALS, 1200 * MS, 2000 * MS), 1e-9, "counted from the window's start");
        assertEquals(20, ChaosTimeline.longestGapMs(ARRIVALS, 1600 * MS, 2000 * MS), 1e-9);
        assertEquals(1000, ChaosTimeline.longestGapMs(ARRIVALS, 2500 * MS, 4000 * MS), 1e-9, "silence to the window's end");
    }

    @Test
    void backMeansAnArrivalAfterTheEventWasOver() {
        assertTrue(ChaosTimeline.arrivedBetween(ARRIVALS, 1100 * MS, 2000 * MS));
        assertFalse(ChaosTimeline.arrivedBetween(ARRIVALS, 1100 * MS, 1400 * MS));
        assertTrue(ChaosTimeline.arrivedBetween(ARRIVALS, 1000 * MS, 1001 * MS), "an arrival at the window's start counts");
        assertFalse(ChaosTimeline.arrivedBetween(ARRIVALS, 3001 * MS, 4000 * MS));
    }

    @Test
    void aStallIsARunOfIntervalsBelowATenthOfTheMedianRate() {
        List<Iperf.Interval> intervals = List.of(interval(0, 5e6), interval(0.5, 5e6), interval(1, 0), interval(1.5, 1e5),
                interval(2, 5e6), interval(2.5, 0), interval(3, 5e6));
        assertEquals(1.0, ChaosTimeline.longestStallSeconds(intervals, 0, 4), 1e-9);
        assertEquals(0.5, ChaosTimeline.longestStallSeconds(intervals, 2, 4), 1e-9, "only the window's intervals");
        assertTrue(Double.isNaN(ChaosTimeline.longestStallSeconds(List.of(), 0, 4)), "no flow, no figure");
    }

    private static Iperf.Interval interval(double start, double bitsPerSecond) {
        return new Iperf.Interval(start, start + 0.5, bitsPerSecond);
    }
}
