package dev.braid.multilink.protocol;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** RFC 8289's state machine in virtual time: target 5 ms, interval 100 ms, a deep queue behind every head. */
class CoDelTest {
    private static final long US = 1_000L;
    private static final long MS = 1_000_000L;
    private static final long TARGET = 5 * MS;
    private static final long INTERVAL = 100 * MS;
    private static final long DEEP = 100_000;

    private final CoDel codel = new CoDel(new CoDelParameters(TARGET, INTERVAL, 1500));
    private final List<Long> drops = new ArrayList<>();

    /** One dequeue at {@code now}: heads of the given sojourn are asked about until one leaves. */
    private void dequeue(long now, long sojourn) {
        for (int i = 0; codel.shouldDrop(now, sojourn, DEEP); i++) {
            drops.add(now);
            assertTrue(i < 10_000, "endless drops");
        }
    }

    /** Dequeues every {@code step} in [from, to) with a fixed sojourn; returns the end time. */
    private long run(long from, long to, long step, long sojourn) {
        for (long t = from; t < to; t += step) {
            dequeue(t, sojourn);
        }
        return to;
    }

    @Test
    void belowTargetNeverDrops() {
        run(0, 10_000 * MS, MS, TARGET - 1);
        assertEquals(List.of(), drops);
        assertFalse(codel.dropping());
    }

    @Test
    void aboveForLessThanAnIntervalNeverDrops() {
        long t = 0;
        for (int round = 0; round < 50; round++) {
            t = run(t, t + INTERVAL - MS, MS, 50 * MS); // above for 99 ms...
            dequeue(t, TARGET - 1); // ...then one head below target resets the clock
            t += MS;
        }
        assertEquals(List.of(), drops);
    }

    @Test
    void aDeQueueWithOneMtuBehindIsNeverDroppedFrom() {
        for (long t = 0; t < 5_000 * MS; t += MS) {
            assertFalse(codel.shouldDrop(t, 500 * MS, 1500));
        }
    }

    @Test
    void firstDropComesOneIntervalAfterTheSojournWentAboveTarget() {
        long start = 1_000 * MS;
        run(start, start + 2 * INTERVAL, MS, TARGET);
        assertEquals(start + INTERVAL, drops.get(0));
        assertEquals(1, drops.stream().filter(d -> d == start + INTERVAL).count(), "one drop on entering");
        assertTrue(codel.dropping());
    }

    @Test
    void theDropThatEntersDroppingLetsTheNextHeadPass() {
        dequeue(0, 10 * MS); // above from now on
        assertTrue(codel.shouldDrop(INTERVAL, 10 * MS, DEEP));
        assertEquals(1, codel.count());
        assertFalse(codel.shouldDrop(INTERVAL, 10 * MS, DEEP));
        assertEquals(INTERVAL + INTERVAL, codel.dropNextNanos());
    }

    @Test
    void dropsAreSpacedByIntervalOverSqrtCount() {
        long step = 10 * US;
        run(0, 3_000 * MS, step, 20 * MS);
        assertTrue(drops.size() > 30, "drops " + drops.size());
        for (int k = 1; k < 30; k++) {
            long gap = drops.get(k) - drops.get(k - 1);
            double expected = INTERVAL / Math.sqrt(k);
            assertEquals(expected, gap, step + 1, "gap after drop " + k);
        }
        assertEquals(drops.size(), codel.count(), "count is the drops of this episode");
    }

    @Test
    void aHeadBelowTargetEndsTheDroppingState() {
        run(0, 2 * INTERVAL, MS, 20 * MS);
        assertTrue(codel.dropping());
        int before = drops.size();
        dequeue(2 * INTERVAL, TARGET - 1);
        assertFalse(codel.dropping());
        run(2 * INTERVAL + MS, 2 * INTERVAL + 50 * MS, MS, 20 * MS); // above again, but not yet for an interval
        assertEquals(before, drops.size());
    }

    @Test
    void queueRunningEmptyEndsTheDroppingState() {
        run(0, 2 * INTERVAL, MS, 20 * MS);
        codel.onEmpty();
        assertFalse(codel.dropping());
        int before = drops.size();
        run(2 * INTERVAL, 2 * INTERVAL + INTERVAL - MS, MS, 20 * MS);
        assertEquals(before, drops.size(), "a new interval above target is needed");
    }

    @Test
    void farBehindTheScheduleSeveralHeadsGoAtOnce() {
        run(0, INTERVAL + MS, MS, 20 * MS); // entered at 100 ms, next at 200 ms
        assertEquals(1, drops.size());
        dequeue(INTERVAL + 3 * INTERVAL, 20 * MS); // due: 200, 270.7, 328.4, 378.4 ms
        assertEquals(5, drops.size());
        assertTrue(codel.dropNextNanos() > 4 * INTERVAL);
    }

    @Test
    void reEnteringSoonResumesAtTheLastEpisodesDropRate() {
        long t = run(0, 1_000 * MS, MS, 20 * MS);
        int firstEpisode = codel.count();
        assertTrue(firstEpisode > 2, "count " + firstEpisode);
        dequeue(t, 0); // leave dropping
        int before = drops.size();
        run(t + MS, t + MS + INTERVAL + MS, MS, 20 * MS); // above again: re-enters one interval later
        assertEquals(before + 1, drops.size());
        assertEquals(t + MS + INTERVAL, drops.get(before));
        assertEquals(firstEpisode - 1, codel.count(), "count - lastcount of the last episode");
        long resumed = Math.round(INTERVAL / Math.sqrt(firstEpisode - 1));
        assertEquals(drops.get(before) + resumed, codel.dropNextNanos(), 2);
    }

    @Test
    void reEnteringAfterSixteenIntervalsStartsAtCountOne() {
        long t = run(0, 1_000 * MS, MS, 20 * MS);
        dequeue(t, 0);
        t += 17 * INTERVAL;
        dequeue(t, 20 * MS); // above from here
        assertTrue(codel.shouldDrop(t + INTERVAL, 20 * MS, DEEP));
        assertEquals(1, codel.count());
    }

    @Test
    void reEnteringAfterAOneDropEpisodeStartsAtCountOne() {
        run(0, INTERVAL + 50 * MS, MS, 20 * MS); // one drop only (the next was due at 200 ms)
        assertEquals(1, codel.count());
        dequeue(INTERVAL + 50 * MS, 0);
        run(INTERVAL + 51 * MS, 2 * INTERVAL + 60 * MS, MS, 20 * MS);
        assertEquals(List.of(INTERVAL, 2 * INTERVAL + 51 * MS), drops);
        assertEquals(1, codel.count());
    }

    @Test
    void inverseSqrtStaysWithinATenthOfAPercentUpToAMillionDrops() {
        long x = CoDel.invSqrtQ32(1, 0);
        for (int c = 1; c <= 1_000_000; c++) {
            x = CoDel.invSqrtQ32(c, x);
            double exact = 1 / Math.sqrt(c);
            assertEquals(exact, x / 4294967296.0, exact * 1e-3, "count " + c);
        }
    }

    @Test
    void controlLawDoesNotOverflowForLongIntervals() {
        long tenSeconds = 10_000 * MS;
        assertEquals(tenSeconds, CoDel.mulQ32(tenSeconds, 1L << 32));
        assertEquals(tenSeconds / 2, CoDel.mulQ32(tenSeconds, 1L << 31));
        assertEquals(tenSeconds - 3, CoDel.mulQ32(tenSeconds, (1L << 32) - 1), 3);
    }
}
