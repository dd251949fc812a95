package dev.braid.testbed.sim;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.braid.testbed.link.DirectionSpec;
import dev.braid.testbed.link.DropReason;
import dev.braid.testbed.link.LinkEvent;
import dev.braid.testbed.link.QueueLimit;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class SimLinkTest {

    private static final long MS = 1_000_000L;
    private static final long S = 1_000_000_000L;

    /** What a run produced, compared between runs for determinism. */
    private record Outcome(long delivered, long bytes, long queueDrops, long lossDrops, long lastArrival, long checksum) {}

    /** 60 s of 10 Mbit/s CBR over a 5 Mbit/s, 40 ms, 100 ms-queue, 0.1 %-loss link. */
    private static Outcome runCbrOverBottleneck(long seed) {
        Simulation sim = new Simulation(seed);
        DirectionSpec spec = DirectionSpec.builder().rate(5_000_000).delay(40 * MS).jitter(1 * MS)
                .loss(0.001).queue(QueueLimit.delay(100 * MS)).build();
        long[] lastArrival = {0};
        long[] checksum = {0};
        SimLink<Long> link = new SimLink<>(sim, spec, sim.newSeed(), seq -> {
            lastArrival[0] = sim.now();
            checksum[0] = checksum[0] * 31 + seq * 1_000_003 + sim.now();
        });
        new CbrSource(sim, 10_000_000, 1250, 0, 60 * S, seq -> link.send(seq, 1250)).start();
        sim.runUntil(61 * S);
        return new Outcome(link.deliveredPackets(), link.deliveredBytes(),
                link.counters().dropped(DropReason.QUEUE_FULL), link.counters().dropped(DropReason.RANDOM_LOSS),
                lastArrival[0], checksum[0]);
    }

    @Test
    void cbrAboveTheLinkRateGetsTheLinkRate() {
        Outcome outcome = runCbrOverBottleneck(2024);
        double goodputBps = outcome.bytes() * 8.0 / 60.0;
        // 5 Mbit/s less 0.1 % loss; the last packets arrive up to 143 ms after the source stops.
        assertEquals(5_000_000 * 0.999, goodputBps, 5_000_000 * 0.01, "goodput");
        assertTrue(outcome.queueDrops() > 20_000, "half the offered load must be dropped at the queue");
        assertTrue(outcome.lossDrops() > 0);
        // Queue bound 100 ms + 2 ms serialization + 40 ms delay + 1 ms jitter.
        assertTrue(outcome.lastArrival() <= 60 * S + 143 * MS, "queue bound plus delay");
    }

    @Test
    void sameSeedGivesIdenticalResults() {
        Outcome first = runCbrOverBottleneck(7);
        assertEquals(first, runCbrOverBottleneck(7));
        assertNotEquals(first, runCbrOverBottleneck(8));
    }

    @Test
    void deliversAtTheModeledTimeAndReportsDrops() {
        Simulation sim = new Simulation(1);
        List<String> log = new ArrayList<>();
        SimLink<String> link = new SimLink<String>(sim,
                DirectionSpec.builder().rate(8_000_000).delay(10 * MS).event(new LinkEvent.Down(5 * MS)).build(),
                3, p -> log.add(p + "@" + sim.now()))
                .onDrop((p, reason) -> log.add(p + ":" + reason));
        assertTrue(link.send("a", 1000)); // 1 ms serialization + 10 ms
        sim.runUntil(6 * MS);
        assertFalse(link.send("b", 1000));
        sim.runUntil(20 * MS);
        assertEquals(List.of("b:LINK_DOWN", "a@" + 11 * MS), log);
    }

    @Test
    void cbrSpacingIsExactAndStopsBeforeStop() {
        Simulation sim = new Simulation(1);
        List<Long> times = new ArrayList<>();
        // 1000 bytes at 3 Mbit/s: 2.666... ms apart, rounded per packet, not accumulated.
        CbrSource source = new CbrSource(sim, 3_000_000, 1000, 1 * S, 1 * S + 30 * MS, seq -> times.add(sim.now()))
                .start();
        sim.runUntil(2 * S);
        assertEquals(12, source.packetsSent()); // 30 ms / 2.667 ms = 11.25 -> packets 0..11
        assertEquals(1 * S, times.get(0));
        assertEquals(1 * S + 29_333_333, times.get(11));
    }
}
