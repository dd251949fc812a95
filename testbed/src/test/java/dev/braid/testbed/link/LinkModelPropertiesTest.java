package dev.braid.testbed.link;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.LongRange;

/** Invariants of the link model for arbitrary rates, delays, jitter, loss and arrival patterns. */
class LinkModelPropertiesTest {

    private static final long MS = 1_000_000L;

    @Property(tries = 200)
    void neverReordersNeverDeliversEarlyAndCountsEveryPacket(
            @ForAll @LongRange(min = 0, max = 100_000_000) long rate,
            @ForAll @LongRange(min = 0, max = 100) long delayMs,
            @ForAll @LongRange(min = 0, max = 50) long jitterMs,
            @ForAll @IntRange(min = 0, max = 30) int lossPercent,
            @ForAll @LongRange(min = 0, max = 200) long queueMs,
            @ForAll long seed) {
        DirectionSpec spec = DirectionSpec.builder().rate(rate).delay(delayMs * MS).jitter(jitterMs * MS)
                .loss(lossPercent / 100.0).queue(QueueLimit.delay(queueMs * MS)).build();
        LinkModel link = new LinkModel(spec, seed, 0);
        SplittableRandom arrivals = new SplittableRandom(seed);
        long now = 0;
        long previousDelivery = Long.MIN_VALUE;
        int n = 500;
        for (int i = 0; i < n; i++) {
            now += arrivals.nextLong(0, 2 * MS);
            int bytes = arrivals.nextInt(40, 1501);
            long delivery = link.offer(now, bytes);
            if (delivery == LinkModel.DROPPED) {
                continue;
            }
            assertTrue(delivery >= previousDelivery, "reordered");
            long earliest = now + LinkModel.serializationNanos(bytes, rate) + Math.max(0, delayMs * MS - jitterMs * MS);
            assertTrue(delivery >= earliest, "delivered before serialization + minimum propagation");
            previousDelivery = delivery;
        }
        LinkCounters c = link.counters();
        assertEquals(n, c.offered());
        assertEquals(n, c.accepted() + c.droppedTotal());
    }

    @Property(tries = 100)
    void acceptedLoadNeverExceedsTheRateBeyondTheQueue(
            @ForAll @LongRange(min = 100_000, max = 50_000_000) long rate,
            @ForAll @LongRange(min = 1, max = 200) long queueMs,
            @ForAll long seed) {
        LinkModel link = new LinkModel(DirectionSpec.builder().rate(rate).queue(QueueLimit.delay(queueMs * MS)).build(),
                seed, 0);
        SplittableRandom arrivals = new SplittableRandom(seed);
        long now = 0;
        long lastDeparture = 0;
        for (int i = 0; i < 2000; i++) {
            now += arrivals.nextLong(0, MS / 10);
            long d = link.offer(now, 1200);
            if (d != LinkModel.DROPPED) {
                lastDeparture = d;
            }
        }
        // Everything accepted was clocked out at the rate: bytes * 8 / rate <= time used.
        double minimumSeconds = link.counters().acceptedBytes() * 8.0 / rate;
        assertTrue(lastDeparture / 1e9 >= minimumSeconds - 1e-9, "faster than the rate");
        assertTrue(lastDeparture - now <= queueMs * MS + LinkModel.serializationNanos(1200, rate),
                "queue delay beyond its limit");
    }
}
