package dev.braid.testbed.link;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class LinkModelTest {

    private static final long MS = 1_000_000L;
    private static final long S = 1_000_000_000L;

    private static LinkModel model(DirectionSpec spec) {
        return new LinkModel(spec, 42, 0);
    }

    @Test
    void serializationDelayIsSizeOverRate() {
        // 1250 bytes = 10,000 bits at 10 Mbit/s = 1 ms.
        assertEquals(1 * MS, LinkModel.serializationNanos(1250, 10_000_000));
        // Rounds up: 1 byte at 3 bit/s = 8/3 s.
        assertEquals(2_666_666_667L, LinkModel.serializationNanos(1, 3));
        assertEquals(0, LinkModel.serializationNanos(1500, 0));
    }

    @Test
    void backToBackPacketsQueueBehindEachOtherThenPropagate() {
        LinkModel link = model(DirectionSpec.builder().rate(10_000_000).delay(20 * MS).build());
        assertEquals(21 * MS, link.offer(0, 1250));
        assertEquals(22 * MS, link.offer(0, 1250));
        assertEquals(23 * MS, link.offer(0, 1250));
        // After the queue drained the link is idle: no wait.
        assertEquals(100 * MS + 21 * MS, link.offer(100 * MS, 1250));
    }

    @Test
    void unlimitedRateOnlyDelays() {
        LinkModel link = model(DirectionSpec.builder().delay(5 * MS).build());
        for (int i = 0; i < 100; i++) {
            assertEquals(7 * MS, link.offer(2 * MS, 1500));
        }
    }

    @Test
    void queueDelayLimitDropsTail() {
        // 1250 B at 1 Mbit/s = 10 ms each; a packet may wait at most 25 ms before its turn.
        LinkModel link = model(DirectionSpec.builder().rate(1_000_000).queue(QueueLimit.delay(25 * MS)).build());
        assertEquals(10 * MS, link.offer(0, 1250)); // waits 0
        assertEquals(20 * MS, link.offer(0, 1250)); // waits 10
        assertEquals(30 * MS, link.offer(0, 1250)); // waits 20
        assertEquals(LinkModel.DROPPED, link.offer(0, 1250)); // would wait 30
        assertEquals(DropReason.QUEUE_FULL, link.lastDropReason());
        // 10 ms later the head has left: waiting 20 ms is fine again.
        assertEquals(40 * MS, link.offer(10 * MS, 1250));
        assertEquals(1, link.counters().dropped(DropReason.QUEUE_FULL));
        assertEquals(4, link.counters().accepted());
    }

    @Test
    void queueByteLimitCountsBacklogUntilFullySerialized() {
        // 1000 B at 8 kbit/s = 1 s each; 3000 bytes of backlog allowed.
        LinkModel link = model(DirectionSpec.builder().rate(8_000).queue(QueueLimit.bytes(3000)).build());
        assertEquals(1 * S, link.offer(0, 1000));
        assertEquals(2 * S, link.offer(0, 1000));
        assertEquals(3 * S, link.offer(0, 1000));
        assertEquals(LinkModel.DROPPED, link.offer(0, 1000));
        assertEquals(DropReason.QUEUE_FULL, link.lastDropReason());
        assertEquals(3000, link.backlogBytes(0));
        assertEquals(2000, link.backlogBytes(1 * S)); // the first one left at 1 s
        assertEquals(4 * S, link.offer(1 * S, 1000));
    }

    @Test
    void jitterNeverReordersUnlessAllowed() {
        DirectionSpec spec = DirectionSpec.builder().delay(20 * MS).jitter(5 * MS).build();
        LinkModel link = model(spec);
        long previous = Long.MIN_VALUE;
        long min = Long.MAX_VALUE;
        long max = Long.MIN_VALUE;
        for (int i = 0; i < 10_000; i++) {
            long now = i * 100_000L; // 0.1 ms apart, much less than the jitter
            long delivery = link.offer(now, 100);
            assertTrue(delivery >= previous, "reordered at packet " + i);
            previous = delivery;
            min = Math.min(min, delivery - now);
            max = Math.max(max, delivery - now);
        }
        assertTrue(min >= 15 * MS, "delay below delay - jitter: " + min);
        assertTrue(max > 24 * MS, "jitter not applied, max delay " + max);

        LinkModel reordering = model(spec.toBuilder().allowReorder(true).build());
        int inversions = 0;
        previous = Long.MIN_VALUE;
        for (int i = 0; i < 10_000; i++) {
            long delivery = reordering.offer(i * 100_000L, 100);
            if (delivery < previous) {
                inversions++;
            }
            previous = delivery;
        }
        assertTrue(inversions > 1000, "allowReorder should reorder, inversions=" + inversions);
    }

    @Test
    void randomLossRateMatchesProbability() {
        LinkModel link = model(DirectionSpec.builder().loss(0.01).build());
        int n = 200_000;
        for (int i = 0; i < n; i++) {
            link.offer(i, 100);
        }
        double rate = link.counters().dropped(DropReason.RANDOM_LOSS) / (double) n;
        assertEquals(0.01, rate, 0.001);
    }

    @Test
    void gilbertElliottLongRunLossAndBurstLength() {
        GilbertElliott ge = new GilbertElliott(0.01, 0.3, 1.0, 0.0);
        LinkModel link = model(DirectionSpec.builder().burstLoss(ge).build());
        int n = 400_000;
        int bursts = 0;
        boolean previousLost = false;
        for (int i = 0; i < n; i++) {
            boolean lost = link.offer(i, 100) == LinkModel.DROPPED;
            if (lost && !previousLost) {
                bursts++;
            }
            previousLost = lost;
        }
        long lost = link.counters().dropped(DropReason.BURST_LOSS);
        double rate = lost / (double) n;
        assertEquals(ge.expectedLossRate(), rate, ge.expectedLossRate() * 0.1, "long-run loss rate");
        // With loss 1 in bad and 0 in good, a burst lasts 1/r packets on average.
        assertEquals(1 / ge.r(), lost / (double) bursts, 0.5, "mean burst length");
    }

    @Test
    void traceReplaysItsRateAndLoops() {
        // One 1500-byte opportunity every ms, period 10 ms: 12 Mbit/s.
        List<String> lines = new ArrayList<>();
        for (int ms = 1; ms <= 10; ms++) {
            lines.add(Integer.toString(ms));
        }
        CapacityTrace trace = CapacityTrace.parse(lines, "test");
        assertEquals(12_000_000, trace.averageRateBitsPerSecond(), 1e-6);
        LinkModel link = model(DirectionSpec.builder().trace(trace).build());
        // Overload for 1 s with 1500-byte packets every 0.5 ms: one leaves per opportunity.
        long lastDeparture = 0;
        int accepted = 0;
        for (long t = 0; t < 1 * S; t += 500_000) {
            long d = link.offer(t, 1500);
            if (d != LinkModel.DROPPED) {
                accepted++;
                assertTrue(d >= lastDeparture + MS, "one opportunity per packet");
                lastDeparture = d;
            }
        }
        assertEquals(2000, accepted);
        assertEquals(2000 * MS, lastDeparture); // opportunity 2000 is at 2 s: the trace looped 200 times
    }

    @Test
    void traceSplitsLargePacketsAndWastesIdleOpportunities() {
        CapacityTrace trace = CapacityTrace.parse(List.of("0", "5", "5", "10"), "test");
        LinkModel link = model(DirectionSpec.builder().trace(trace).build());
        // 2000 bytes need two opportunities: 0 ms (1500) and 5 ms (500).
        assertEquals(5 * MS, link.offer(0, 2000));
        // 1000 more bytes fit in the rest of the first 5 ms opportunity.
        assertEquals(5 * MS, link.offer(0, 1000));
        // The next one starts on the second 5 ms opportunity.
        assertEquals(5 * MS, link.offer(0, 1500));
        // Idle until 11 ms: opportunities at 10 (and 10 = 0 of the next loop) are gone; next is 15.
        assertEquals(15 * MS, link.offer(11 * MS, 100));
    }

    @Test
    void scheduledEventsTakeTheLinkDownChangeRateAndDelay() {
        DirectionSpec spec = DirectionSpec.builder().rate(10_000_000).delay(10 * MS)
                .event(new LinkEvent.Down(1 * S))
                .event(new LinkEvent.Up(2 * S))
                .event(new LinkEvent.RateChange(3 * S, 1_000_000))
                .event(new LinkEvent.DelayChange(4 * S, 50 * MS))
                .build();
        LinkModel link = new LinkModel(spec, 1, 100 * S); // times are relative to the origin
        long origin = 100 * S;
        assertEquals(origin + 11 * MS, link.offer(origin, 1250));
        assertEquals(origin + 1 * S, link.nextEventNanos());
        assertEquals(LinkModel.DROPPED, link.offer(origin + 1 * S, 1250));
        assertEquals(DropReason.LINK_DOWN, link.lastDropReason());
        assertEquals(LinkModel.DROPPED, link.offer(origin + 1999 * MS, 1250));
        assertEquals(origin + 2 * S + 11 * MS, link.offer(origin + 2 * S, 1250));
        assertEquals(origin + 3 * S + 20 * MS, link.offer(origin + 3 * S, 1250)); // 10 ms to serialize now
        assertEquals(origin + 4 * S + 60 * MS, link.offer(origin + 4 * S, 1250));
        assertEquals(Long.MAX_VALUE, link.nextEventNanos());
        assertEquals(2, link.counters().dropped(DropReason.LINK_DOWN));
    }

    @Test
    void sameSeedSameDecisionsOtherSeedOthers() {
        DirectionSpec spec = DirectionSpec.builder().rate(5_000_000).delay(10 * MS).jitter(3 * MS)
                .loss(0.05).burstLoss(new GilbertElliott(0.02, 0.2, 0.8, 0.01)).build();
        assertEquals(run(spec, 7), run(spec, 7));
        assertNotEquals(run(spec, 7), run(spec, 8));
    }

    private static List<Long> run(DirectionSpec spec, long seed) {
        LinkModel link = new LinkModel(spec, seed, 0);
        List<Long> out = new ArrayList<>();
        for (int i = 0; i < 5000; i++) {
            out.add(link.offer(i * 2 * MS, 1200));
        }
        return out;
    }
}
