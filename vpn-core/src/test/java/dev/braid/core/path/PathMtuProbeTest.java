package dev.braid.core.path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.IntPredicate;
import org.junit.jupiter.api.Test;

/**
 * The prober alone over a simulated path in virtual time: a probe no larger than the path MTU is
 * acknowledged one round trip (10 ms) later unless the path loses it. Defaults: 3 tries per size,
 * waits 4 RTT within 100 ms..1 s, re-probe every 10 min, 30 s pause after losing the floor.
 */
class PathMtuProbeTest {
    private static final long MS = 1_000_000L;
    private static final long RTT = 10 * MS;
    private static final long INTERVAL = Duration.ofMinutes(10).toNanos();

    /** A path: what it carries and what it loses, and the virtual clock driving the prober over it. */
    private static final class SimulatedPath {
        final PathMtuProbe probe;
        int mtu;
        IntPredicate lose = n -> false;
        long now;
        final List<Integer> sent = new ArrayList<>();
        final List<Integer> reports = new ArrayList<>();
        int changes;
        private long ackAt = Long.MAX_VALUE;
        private int ackSize;
        private int ackId;

        SimulatedPath(int floor, int ceiling, int mtu) {
            this.mtu = mtu;
            this.probe = new PathMtuProbe(PathMtuProbe.Settings.defaults(), floor, ceiling, 0);
        }

        /** Runs until {@code until} (virtual nanos). */
        void runUntil(long until) {
            while (true) {
                long next = Math.min(probe.nextDeadlineNanos(), ackAt);
                if (next > until) {
                    now = until;
                    return;
                }
                now = next;
                if (ackAt == next) {
                    ackAt = Long.MAX_VALUE;
                    apply(probe.onAck(now, ackSize, ackId));
                } else {
                    apply(probe.onTimer(now));
                }
            }
        }

        private void apply(PathMtuProbe.Step step) {
            if (step.changed()) {
                changes++;
            }
            if (step.sendsReport()) {
                reports.add(step.reportMtu());
            }
            if (step.sendsProbe()) {
                int n = sent.size();
                sent.add(step.probeSize());
                if (step.probeSize() <= mtu && !lose.test(n)) {
                    ackAt = now + RTT;
                    ackSize = step.probeSize();
                    ackId = step.probeId();
                }
            }
        }
    }

    @Test
    void aFullPathPassesAtTheCeilingAfterTheFloor() {
        SimulatedPath path = new SimulatedPath(576, 1500, 1500);
        path.runUntil(1_000 * MS);
        assertEquals(1500, path.probe.pathMtu());
        assertEquals(List.of(576, 1500), path.sent);
        assertEquals(1, path.changes);
        assertFalse(path.probe.isSearching());
    }

    @Test
    void theSearchConvergesToTheByteOnA1280Path() {
        SimulatedPath path = new SimulatedPath(576, 1500, 1280);
        path.runUntil(20_000 * MS);
        assertEquals(1280, path.probe.pathMtu());
        assertEquals(1, path.changes);
        assertTrue(path.sent.stream().allMatch(s -> s >= 576 && s <= 1500), path.sent.toString());
        // 576, then 1500 three times, then a binary search: each too-big size is tried 3 times.
        assertEquals(3, path.sent.stream().filter(s -> s == 1500).count(), path.sent.toString());
        assertTrue(path.sent.size() < 40, "sizes sent: " + path.sent);
    }

    @Test
    void aSizeLostOnceIsNotTooBig() {
        SimulatedPath path = new SimulatedPath(576, 1500, 1500);
        path.lose = n -> n == 1 || n == 2; // the first two tries of 1500 are lost, the third passes
        path.runUntil(5_000 * MS);
        assertEquals(1500, path.probe.pathMtu());
        assertEquals(List.of(576, 1500, 1500, 1500), path.sent);
    }

    @Test
    void threeLossesOfOneSizeMakeItTooBig() {
        SimulatedPath path = new SimulatedPath(1280, 1500, 1500);
        path.lose = n -> n >= 1 && n <= 3; // every try of 1500 lost: plain loss looks like too big
        path.runUntil(10_000 * MS);
        assertTrue(path.probe.pathMtu() < 1500 && path.probe.pathMtu() >= 1499, "one below: " + path.probe.pathMtu());
        path.lose = n -> false;
        path.runUntil(10_000 * MS + INTERVAL + 1_000 * MS);
        assertEquals(1500, path.probe.pathMtu(), "the next search finds the whole path again");
    }

    @Test
    void aPathLosingEverythingKeepsTheOldResultAndTriesAgainLater() {
        SimulatedPath path = new SimulatedPath(576, 1500, 1400);
        path.runUntil(20_000 * MS);
        assertEquals(1400, path.probe.pathMtu());
        path.lose = n -> true;
        path.probe.restart(path.now);
        path.runUntil(path.now + 5_000 * MS);
        assertEquals(1400, path.probe.pathMtu(), "a lost floor says nothing about the size");
        assertEquals(1, path.probe.lostSearches());
        long pausedAt = path.now;
        int sent = path.sent.size();
        path.lose = n -> false;
        path.runUntil(pausedAt + 31_000 * MS);
        assertTrue(path.sent.size() > sent, "a new search after the 30 s pause");
        assertEquals(1400, path.probe.pathMtu());
    }

    @Test
    void aShrinkingPathIsFoundAtTheNextSearch() {
        SimulatedPath path = new SimulatedPath(1280, 1500, 1500);
        path.runUntil(1_000 * MS);
        assertEquals(1500, path.probe.pathMtu());
        path.mtu = 1400;
        path.runUntil(INTERVAL - MS);
        assertEquals(1500, path.probe.pathMtu(), "not before the interval");
        path.runUntil(INTERVAL + 20_000 * MS);
        assertEquals(1400, path.probe.pathMtu());
        assertEquals(2, path.changes);
    }

    @Test
    void aRestartSearchesAtOnce() {
        SimulatedPath path = new SimulatedPath(1280, 1500, 1500);
        path.runUntil(1_000 * MS);
        path.mtu = 1300;
        path.probe.restart(path.now);
        assertEquals(path.now, path.probe.nextDeadlineNanos());
        path.runUntil(path.now + 20_000 * MS);
        assertEquals(1300, path.probe.pathMtu());
        assertEquals(2, path.probe.searches());
    }

    @Test
    void theResultIsReportedUntilThePeerEchoesIt() {
        SimulatedPath path = new SimulatedPath(1280, 1500, 1500);
        path.runUntil(100 * MS);
        assertEquals(List.of(1500), path.reports, "reported when the search ends");
        path.runUntil(2_500 * MS);
        assertEquals(List.of(1500, 1500, 1500), path.reports, "again every second without an echo");
        path.probe.onReportEcho(1400);
        path.runUntil(3_500 * MS);
        assertEquals(4, path.reports.size(), "an echo of another value does not count");
        path.probe.onReportEcho(1500);
        path.runUntil(60_000 * MS);
        assertEquals(4, path.reports.size());
    }

    @Test
    void acksOfOtherSizesOrOldIdsChangeNothing() {
        PathMtuProbe probe = new PathMtuProbe(PathMtuProbe.Settings.defaults(), 1280, 1500, 0);
        PathMtuProbe.Step first = probe.onTimer(0);
        assertEquals(1280, first.probeSize());
        assertFalse(probe.onAck(MS, 1500, first.probeId()).sendsProbe(), "wrong size");
        assertFalse(probe.onAck(MS, 1280, first.probeId() + 1).sendsProbe(), "an id not sent");
        PathMtuProbe.Step next = probe.onAck(MS, 1280, first.probeId());
        assertEquals(1500, next.probeSize());
        assertFalse(probe.onAck(2 * MS, 1280, first.probeId()).sendsProbe(), "a duplicate of the old ack");
        assertEquals(-1, probe.pathMtu());
    }

    @Test
    void theFloorFollowsTheFamily() {
        assertEquals(576, PathMtuProbe.floorFor(false));
        assertEquals(1280, PathMtuProbe.floorFor(true));
    }
}
