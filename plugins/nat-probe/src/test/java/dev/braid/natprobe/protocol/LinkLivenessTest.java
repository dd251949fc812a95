package dev.braid.natprobe.protocol;

import static dev.braid.natprobe.protocol.LivenessWorld.MS;
import static dev.braid.natprobe.protocol.LivenessWorld.S;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.braid.natprobe.protocol.LivenessWorld.StateChange;
import java.util.List;
import org.junit.jupiter.api.Test;

class LinkLivenessTest {
    private static final long CHECK = 100 * MS;
    private static final long SUSPECT = 300 * MS;
    private static final long FAST = 150 * MS;
    private static final int MISSED = 3;
    /** Earliest and latest a dead link under traffic may be declared down, after its last receive. */
    private static final long DOWN_NOT_BEFORE = SUSPECT + MISSED * FAST;
    private static final long DOWN_BY = CHECK + SUSPECT + MISSED * FAST;

    private final LivenessWorld world = new LivenessWorld(LivenessWorld.defaults());

    @Test
    void idleLinkIsProbedOnceAtStartThenEveryIdleInterval() {
        world.runUntil(61 * S);
        assertEquals(List.of(0L, 15 * S, 30 * S, 45 * S, 60 * S), world.probeTimes);
        assertEquals(List.of(), world.changes);
        assertEquals(LinkState.UP, world.liveness.state());
    }

    @Test
    void srttComesFromProbeReplies() {
        world.runUntil(1 * S);
        assertEquals(20 * MS, world.liveness.rtt().srttNanos());
    }

    @Test
    void answeredTrafficNeedsNoProbes() {
        world.startTraffic(1 * S, true);
        world.runUntil(60 * S);
        assertEquals(List.of(0L), world.probeTimes, "only the initial probe");
        assertEquals(List.of(), world.changes);
    }

    @Test
    void deadLinkUnderTrafficIsDownWithinTheBoundAndNotBeforeTheThreshold() {
        world.startTraffic(10 * MS, true);
        world.runUntil(5 * S);
        world.deadFrom = 5 * S;
        world.runUntil(7 * S);

        assertEquals(1, world.changes.size(), () -> "changes " + world.changes);
        StateChange down = world.changes.get(0);
        assertEquals(LinkState.DOWN, down.to());
        long silence = down.atNanos() - world.lastReceiveNanos;
        assertTrue(silence >= DOWN_NOT_BEFORE, "down after only " + silence / MS + " ms of silence");
        assertTrue(silence <= DOWN_BY, "down after " + silence / MS + " ms of silence");
        assertTrue(down.atNanos() - 5 * S <= 1 * S, "a dead link under traffic is down within a second");
        assertEquals(MISSED, world.probesBetween(5 * S, down.atNanos()), "the fast probes that were missed");
    }

    @Test
    void outageShorterThanTheThresholdNeverMarksDown() {
        world.startTraffic(10 * MS, true);
        world.runUntil(5 * S);
        world.deadFrom = 5 * S;
        world.deadUntil = 5 * S + 700 * MS;
        world.runUntil(10 * S);
        assertEquals(List.of(), world.changes);
        assertEquals(LinkState.UP, world.liveness.state());
    }

    @Test
    void unansweredOneWayTrafficOnAHealthySlowPathIsNotDown() {
        world.rttNanos = 600 * MS;
        world.startTraffic(10 * MS, false);
        world.runUntil(30 * S);
        assertEquals(List.of(), world.changes, "fast probes wait 2 x SRTT for their answers");
    }

    @Test
    void downLinkIsProbedSlowlyAndComesBackOnAReply() {
        world.startTraffic(10 * MS, true);
        world.runUntil(5 * S);
        world.deadFrom = 5 * S;
        world.deadUntil = 8 * S;
        world.runUntil(10 * S);

        assertEquals(2, world.changes.size(), () -> "changes " + world.changes);
        long downAt = world.changes.get(0).atNanos();
        StateChange up = world.changes.get(1);
        assertEquals(LinkState.UP, up.to());
        // The echoed traffic (or the next down probe, 1 s then 2 s apart) finds the path back.
        assertTrue(up.atNanos() >= 8 * S && up.atNanos() <= 8 * S + 2 * S + world.rttNanos,
                "up again at " + up.atNanos() / MS + " ms");
        List<Long> downProbes = world.probeTimes.stream().filter(t -> t > downAt && t < up.atNanos()).toList();
        assertTrue(!downProbes.isEmpty() && downProbes.get(0) - downAt <= 1 * S, "first down probe within 1 s: " + downProbes);
    }

    @Test
    void probesOfALinkThatStaysDeadBackOffExponentiallyToTheCap() {
        world.deadFrom = 1 * S;
        world.runUntil(400 * S);
        assertEquals(LinkState.DOWN, world.liveness.state());
        assertEquals(1, world.changes.size(), "down once, never anything else");
        List<Long> gaps = downProbeGaps(world.changes.get(0).atNanos());
        assertEquals(List.of(1L, 2L, 4L, 8L, 16L, 30L, 30L), gaps.subList(0, 7), "doubling from 1 s to the 30 s cap");
        assertTrue(gaps.stream().skip(5).allMatch(g -> g == 30L), "then every 30 s: " + gaps);
        assertTrue(world.probesBetween(371 * S, 371 * S + 29 * S) <= 1, "at most one probe per 30 s");
    }

    /** Whole seconds between the probes of a DOWN link, starting with the last fast probe before it. */
    private List<Long> downProbeGaps(long downAt) {
        long lastFast = world.probeTimes.stream().filter(t -> t < downAt).reduce((x, y) -> y).orElseThrow();
        List<Long> gaps = new java.util.ArrayList<>();
        long previous = lastFast;
        for (long t : world.probeTimes.stream().filter(t -> t > downAt).toList()) {
            gaps.add((t - previous) / S);
            previous = t;
        }
        return gaps;
    }

    @Test
    void aDownLinkThatComesBackStartsItsBackOffAfreshNextTime() {
        world.startTraffic(10 * MS, true);
        world.deadFrom = 1 * S;
        world.deadUntil = 60 * S;
        world.runUntil(100 * S);
        world.deadFrom = 100 * S;
        world.deadUntil = Long.MAX_VALUE;
        world.runUntil(110 * S);
        long secondDown = world.changes.get(world.changes.size() - 1).atNanos();
        assertEquals(LinkState.DOWN, world.changes.get(world.changes.size() - 1).to());
        assertEquals(List.of(1L, 2L, 4L), downProbeGaps(secondDown).subList(0, 3), "a fresh back-off");
    }

    @Test
    void idleLinkThatDiesIsFoundByItsNextKeepalive() {
        world.runUntil(1 * S);
        world.deadFrom = 1 * S;
        world.runUntil(20 * S);
        assertEquals(List.of(new StateChange(15 * S + SUSPECT + MISSED * FAST, LinkState.DOWN)), world.changes);
    }

    @Test
    void oneWayTrafficTriggersASuspectProbeAndStaysUp() {
        world.startTraffic(10 * MS, false);
        world.runUntil(3 * S);
        assertEquals(List.of(), world.changes);
        assertTrue(world.probesBetween(1 * S, 3 * S) >= 2, "unanswered traffic is checked by probes");
    }

    @Test
    void proxyWithoutIdleProbingSendsNothingWhileIdle() {
        LivenessWorld proxy = new LivenessWorld(new ProbeSettings(false, 15 * S, CHECK, SUSPECT, FAST, MISSED, 500 * MS, 30 * S));
        proxy.runUntil(120 * S);
        assertEquals(List.of(), proxy.probeTimes);
    }
}
