package dev.braid.multilink.protocol;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashMap;
import java.util.Map;
import java.util.Random;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.LongRange;

/**
 * Ownership and bounds under random adds, peeks, polls, clears, clock steps and changes of the
 * interval and the sojourn bound: every packet added leaves exactly once (polled or through the
 * sink), each flow's packets leave in the order added (every removal takes a head), and the queue
 * never holds more than its bounds.
 */
class FqCoDelQueuePropertiesTest {
    private static final long MS = 1_000_000L;

    /** A packet: its flow and its number within the flow. */
    record Pkt(int flow, long seq, int bytes) {
    }

    @Property(tries = 300)
    void everyPacketLeavesExactlyOnceInItsFlowsOrder(
            @ForAll @LongRange(min = 0, max = Long.MAX_VALUE / 4) long seed,
            @ForAll @IntRange(min = 1, max = 3000) int steps,
            @ForAll @IntRange(min = 1, max = 8) int flows,
            @ForAll @IntRange(min = 1, max = 60) int maxPackets) {
        Random rnd = new Random(seed);
        QueueSettings settings = QueueSettings.builder()
                .maxPackets(maxPackets)
                .maxBytes(1500 + rnd.nextInt(40_000))
                .quantumBytes(300 + rnd.nextInt(1500))
                .build();
        FqCoDelQueue<Pkt> q = new FqCoDelQueue<>(settings, flows);
        Map<Pkt, Boolean> queued = new HashMap<>();
        long[] nextSeq = new long[flows];
        long[] nextToLeave = new long[flows];
        long[] queuedBytes = {0};
        DropSink<Pkt> sink = (p, reason) -> leave(p, queued, nextToLeave, queuedBytes);
        long now = rnd.nextLong() >> 8; // any clock origin, negative ones too
        boolean peeked = false;
        for (int i = 0; i < steps; i++) {
            switch (rnd.nextInt(10)) {
                case 0, 1, 2, 3 -> {
                    int f = rnd.nextInt(flows);
                    Pkt p = new Pkt(f, nextSeq[f]++, rnd.nextInt(10) == 0 ? 0 : 1 + rnd.nextInt(1500));
                    queued.put(p, true);
                    queuedBytes[0] += p.bytes();
                    q.add(now, f, p, p.bytes(), sink);
                    peeked = false;
                    assertTrue(q.size() <= settings.maxPackets() && q.bytes() <= settings.maxBytes());
                }
                case 4, 5 -> {
                    Pkt head = q.peek(now, sink);
                    peeked = head != null;
                    if (peeked) {
                        assertEquals(head.bytes(), q.peekedBytes());
                        assertEquals(head.flow(), q.peekedFlowSlot());
                    }
                }
                case 6 -> {
                    if (peeked) {
                        Pkt head = q.peek(now, sink); // may decide otherwise at a later time
                        if (head != null) {
                            Pkt p = q.pollPeeked(now);
                            assertSame(head, p);
                            leave(p, queued, nextToLeave, queuedBytes);
                        }
                        peeked = false;
                    }
                }
                case 7 -> {
                    Pkt p = q.poll(now, sink);
                    if (p != null) {
                        leave(p, queued, nextToLeave, queuedBytes);
                    }
                    peeked = false;
                }
                case 8 -> now += rnd.nextInt(4) == 0 ? rnd.nextInt(500) * MS : rnd.nextInt(3_000_000);
                default -> {
                    if (rnd.nextInt(50) == 0) {
                        q.clear(sink);
                        peeked = false;
                    } else if (rnd.nextInt(5) == 0) {
                        q.setIntervalNanos((6 + rnd.nextInt(300)) * MS);
                    } else if (rnd.nextInt(5) == 0) {
                        q.setSojournBoundNanos((1 + rnd.nextInt(1000)) * MS);
                    }
                }
            }
            assertEquals(queued.size(), q.size());
            assertEquals(queuedBytes[0], q.bytes());
            assertEquals(queued.isEmpty(), q.isEmpty());
        }
        q.clear(sink);
        assertTrue(queued.isEmpty(), "left in the queue: " + queued.size());
        for (int f = 0; f < flows; f++) {
            assertEquals(nextSeq[f], nextToLeave[f], "flow " + f);
        }
    }

    private static void leave(Pkt p, Map<Pkt, Boolean> queued, long[] nextToLeave, long[] queuedBytes) {
        assertTrue(queued.remove(p) != null, "left twice or never added: " + p);
        assertEquals(nextToLeave[p.flow()], p.seq(), "flow order");
        nextToLeave[p.flow()]++;
        queuedBytes[0] -= p.bytes();
    }
}
