package dev.braid.natprobe.protocol;

import static dev.braid.natprobe.protocol.LivenessWorld.MS;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.LongRange;

class LinkLivenessPropertiesTest {

    /**
     * Whenever a path carrying answered traffic dies, the link is declared down after at least
     * suspect-after + 3 x fast-interval of silence and at most one check and one packet gap later.
     */
    @Property(tries = 200)
    void deadPathUnderTrafficIsDownWithinItsBounds(@ForAll @LongRange(min = 1_000, max = 40_000) long diesAtMs,
                                                   @ForAll @LongRange(min = 1, max = 50) long trafficEveryMs,
                                                   @ForAll @LongRange(min = 1, max = 60) long rttMs) {
        LivenessWorld world = new LivenessWorld(LivenessWorld.defaults());
        world.rttNanos = rttMs * MS;
        world.startTraffic(trafficEveryMs * MS, true);
        world.deadFrom = diesAtMs * MS;
        world.runUntil(diesAtMs * MS + 2_000 * MS);

        assertEquals(1, world.changes.size(), () -> "changes " + world.changes);
        assertEquals(LinkState.DOWN, world.changes.get(0).to());
        long silence = world.changes.get(0).atNanos() - world.lastReceiveNanos;
        assertTrue(silence >= (300 + 3 * 150) * MS, "down after " + silence / MS + " ms");
        assertTrue(silence <= (100 + trafficEveryMs + 300 + 3 * 150) * MS, "down after " + silence / MS + " ms");
    }
}
