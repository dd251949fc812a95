package dev.braid.multilink.protocol;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** FQ-CoDel in virtual time: packets are {@link Pkt}s, a link drains the queue at a fixed rate. */
class FqCoDelQueueTest {
    private static final long MS = 1_000_000L;
    private static final long SECOND = 1_000 * MS;
    private static final int BULK = 0;
    private static final int SPARSE = 1;

    record Pkt(int flow, long id, long enqueuedNanos) {
    }

    /** Collects what the queue drops, by reason. */
    static final class Drops implements DropSink<Pkt> {
        final List<Pkt> packets = new ArrayList<>();
        final Map<QueueDropReason, Integer> byReason = new HashMap<>();

        @Override
        public void drop(Pkt packet, QueueDropReason reason) {
            packets.add(packet);
            byReason.merge(reason, 1, Integer::sum);
        }

        int count(QueueDropReason reason) {
            return byReason.getOrDefault(reason, 0);
        }
    }

    private final Drops drops = new Drops();
    private long nextId;

    private Pkt add(FqCoDelQueue<Pkt> q, long now, int flow, int bytes) {
        Pkt p = new Pkt(flow, nextId++, now);
        q.add(now, flow, p, bytes, drops);
        return p;
    }

    /** Nanoseconds a 10 Mbit/s link takes for {@code bytes}. */
    private static long serviceNanos(int bytes) {
        return bytes * 8L * 1_000_000_000L / 10_000_000L;
    }

    @Test
    void sparseFlowBesideAFullQueueWaitsAtMostOneQuantumsServiceTime() {
        QueueSettings s = QueueSettings.builder().maxPackets(200).build();
        FqCoDelQueue<Pkt> q = new FqCoDelQueue<>(s, 4);
        long linkFreeAt = 0;
        long nextSparse = 0;
        long maxSparseSojourn = 0;
        int sparseDelivered = 0;
        for (long now = 0; now < 10 * SECOND; now = Math.min(linkFreeAt, nextSparse)) {
            if (now == nextSparse) {
                add(q, now, SPARSE, 200);
                nextSparse += 20 * MS;
            }
            if (now == linkFreeAt) {
                while (q.size() < s.maxPackets()) {
                    add(q, now, BULK, 1500); // the bulk flow keeps the queue full
                }
                Pkt p = q.peek(now, drops);
                int bytes = q.peekedBytes();
                assertSame(p, q.pollPeeked(now));
                if (p.flow() == SPARSE) {
                    maxSparseSojourn = Math.max(maxSparseSojourn, now - p.enqueuedNanos());
                    sparseDelivered++;
                }
                linkFreeAt = now + serviceNanos(bytes);
            }
        }
        assertEquals(500, sparseDelivered);
        assertTrue(drops.packets.stream().noneMatch(p -> p.flow() == SPARSE), "no sparse packet dropped");
        assertTrue(maxSparseSojourn <= serviceNanos(s.quantumBytes()),
                "sparse sojourn " + maxSparseSojourn / 1e6 + " ms");
        assertTrue(drops.count(QueueDropReason.CODEL) > 0, "CoDel works on the bulk flow");
    }

    @Test
    void twoBulkFlowsShareByBytesWithinAQuantum() {
        FqCoDelQueue<Pkt> q = new FqCoDelQueue<>(QueueSettings.defaults(), 2);
        int[] sizes = {1500, 300};
        long[] served = new long[2];
        for (int i = 0; i < 20_000; i++) {
            for (int f = 0; f < 2; f++) {
                while (q.flowBytes(f) < 20 * 1500) {
                    add(q, 0, f, sizes[f]); // no time passes: CoDel never drops
                }
            }
            q.peek(0, drops);
            int flow = q.peekedFlowSlot();
            served[flow] += q.peekedBytes();
            q.pollPeeked(0);
            assertTrue(Math.abs(served[0] - served[1]) <= 1500 + 1500, "served " + Arrays.toString(served));
        }
        assertEquals(List.of(), drops.packets);
    }

    @Test
    void aNewFlowIsServedBeforeAStandingOne() {
        FqCoDelQueue<Pkt> q = new FqCoDelQueue<>(QueueSettings.defaults(), 2);
        for (int i = 0; i < 10; i++) {
            add(q, 0, BULK, 1500);
        }
        assertEquals(BULK, q.poll(0, drops).flow()); // its first quantum, as a new flow
        assertEquals(BULK, q.poll(0, drops).flow()); // credit renewed, now an old flow
        Pkt sparse = add(q, 0, SPARSE, 200);
        assertSame(sparse, q.poll(0, drops));
        assertEquals(BULK, q.poll(0, drops).flow());
    }

    @Test
    void coDelBringsAResponsiveBulkFlowsStandingQueueToAboutTheTarget() {
        RenoRun codel = renoThroughQueue(QueueSettings.defaults());
        QueueSettings never = QueueSettings.builder().targetNanos(100 * SECOND).intervalNanos(200 * SECOND).build();
        RenoRun fifo = renoThroughQueue(never);
        assertTrue(codel.p50Nanos() <= 5 * MS && codel.p95Nanos() <= 2 * 5 * MS, "with CoDel " + codel);
        assertTrue(codel.busy() >= 0.8, "with CoDel " + codel);
        assertTrue(fifo.p50Nanos() > 100 * codel.p50Nanos(), "without CoDel " + fifo); // ~670 ms: the packet bound
    }

    /** Sojourn percentiles and the link's busy share over the second half of a run. */
    record RenoRun(long p50Nanos, long p95Nanos, double busy) {
    }

    /**
     * A Reno-like window (slow start, +1/cwnd per ack, halved at most once per RTT on a drop) over
     * a 10 Mbit/s link with 40 ms of base RTT for 60 s, measured over the last 30 s.
     */
    private RenoRun renoThroughQueue(QueueSettings settings) {
        FqCoDelQueue<Pkt> q = new FqCoDelQueue<>(settings, 1);
        long step = 100_000;
        long baseRtt = 40 * MS;
        long service = serviceNanos(1500);
        double[] cwnd = {2};
        boolean[] slowStart = {true};
        long[] lastCut = {Long.MIN_VALUE / 2};
        int[] inflight = {0};
        long[] now = {0};
        ArrayDeque<Long> acks = new ArrayDeque<>();
        List<Long> sojourns = new ArrayList<>();
        DropSink<Pkt> loss = (p, reason) -> {
            inflight[0]--;
            slowStart[0] = false;
            if (now[0] - lastCut[0] > baseRtt) {
                cwnd[0] = Math.max(2, cwnd[0] / 2);
                lastCut[0] = now[0];
            }
        };
        long linkFreeAt = 0;
        long busy = 0;
        for (; now[0] < 60 * SECOND; now[0] += step) {
            long t = now[0];
            while (!acks.isEmpty() && acks.peek() <= t) {
                acks.poll();
                inflight[0]--;
                cwnd[0] += slowStart[0] ? 1 : 1 / cwnd[0];
            }
            while (inflight[0] < (int) cwnd[0]) {
                inflight[0]++;
                q.add(t, 0, new Pkt(0, nextId++, t), 1500, loss);
            }
            if (t >= linkFreeAt) {
                Pkt p = q.poll(t, loss);
                if (p != null) {
                    linkFreeAt = t + service;
                    acks.add(t + service + baseRtt);
                    if (t >= 30 * SECOND) {
                        sojourns.add(t - p.enqueuedNanos());
                        busy += service;
                    }
                }
            }
        }
        sojourns.sort(null);
        return new RenoRun(sojourns.get(sojourns.size() / 2), sojourns.get(sojourns.size() * 95 / 100),
                (double) busy / (30 * SECOND));
    }

    @Test
    void overflowDropsFromTheHeadOfTheFattestFlow() {
        FqCoDelQueue<Pkt> q = new FqCoDelQueue<>(QueueSettings.builder().maxPackets(10).build(), 3);
        List<Pkt> fat = new ArrayList<>();
        for (int i = 0; i < 7; i++) {
            fat.add(add(q, 0, 0, 1000));
        }
        for (int i = 0; i < 3; i++) {
            add(q, 0, 1, 1000);
        }
        assertEquals(List.of(), drops.packets);
        add(q, 0, 2, 100); // the 11th packet: flow 0 loses its oldest until it holds half its bytes
        assertEquals(fat.subList(0, 4), drops.packets);
        assertEquals(4, drops.count(QueueDropReason.OVERFLOW));
        assertEquals(4, q.overflowDrops());
        assertEquals(7, q.size());
        assertEquals(3000 + 3000 + 100, q.bytes());
    }

    @Test
    void theByteBoundPushesOutTheFattestFlowToo() {
        FqCoDelQueue<Pkt> q = new FqCoDelQueue<>(QueueSettings.builder().maxBytes(5000).build(), 2);
        Pkt big = add(q, 0, 0, 4000);
        Pkt small = add(q, 0, 1, 1500);
        assertEquals(List.of(big), drops.packets);
        assertSame(small, q.poll(0, drops));
        assertTrue(q.isEmpty());
    }

    @Test
    void coDelDropsFromAStandingQueueButNeverTheLastMtu() {
        FqCoDelQueue<Pkt> q = new FqCoDelQueue<>(QueueSettings.defaults(), 2);
        for (int i = 0; i < 100; i++) {
            add(q, 0, BULK, 1500);
        }
        Pkt lone = add(q, 0, SPARSE, 1500);
        long now = 50 * MS;
        for (int i = 0; i < 20 && !q.isEmpty(); i++, now += 10 * MS) {
            q.poll(now, drops);
        }
        assertTrue(q.codelDrops() > 0, "CoDel dropped");
        assertEquals(q.codelDrops(), drops.count(QueueDropReason.CODEL));
        assertTrue(!drops.packets.contains(lone), "one packet alone in its flow is not dropped");
        assertTrue(q.maxSojournNanos() >= 50 * MS);
        q.resetMaxSojourn();
        assertEquals(0, q.maxSojournNanos());
    }

    @Test
    void aHeadPastTheSojournBoundIsDroppedWhenItsFlowsTurnComes() {
        FqCoDelQueue<Pkt> q = new FqCoDelQueue<>(QueueSettings.defaults(), 2);
        q.setSojournBoundNanos(100 * MS);
        Pkt old = add(q, 0, BULK, 1500);
        Pkt young = add(q, 60 * MS, BULK, 1500);
        Pkt other = add(q, 60 * MS, SPARSE, 200);
        assertSame(young, q.poll(120 * MS, drops));
        assertEquals(List.of(old), drops.packets);
        assertEquals(1, drops.count(QueueDropReason.EXPIRED));
        assertEquals(1, q.expiredDrops());
        assertSame(other, q.poll(160 * MS, drops), "100 ms exactly is within the bound");
        assertThrows(IllegalArgumentException.class, () -> q.setSojournBoundNanos(0));
    }

    @Test
    void peekingAgainDecidesAgainWithoutDroppingTwice() {
        FqCoDelQueue<Pkt> q = new FqCoDelQueue<>(QueueSettings.defaults(), 1);
        for (int i = 0; i < 50; i++) {
            add(q, 0, BULK, 1500);
        }
        q.poll(10 * MS, drops); // sojourn above target from here
        Pkt head = q.peek(200 * MS, drops);
        int dropped = drops.packets.size();
        assertTrue(dropped > 0);
        assertSame(head, q.peek(200 * MS, drops));
        assertSame(head, q.peek(200 * MS, drops));
        assertEquals(dropped, drops.packets.size());
        assertSame(head, q.pollPeeked(200 * MS));
    }

    @Test
    void pollPeekedNeedsAPeekSinceTheLastChange() {
        FqCoDelQueue<Pkt> q = new FqCoDelQueue<>(QueueSettings.defaults(), 2);
        assertThrows(IllegalStateException.class, () -> q.pollPeeked(0));
        add(q, 0, 0, 100);
        q.peek(0, drops);
        add(q, 0, 1, 100); // may have pushed the peeked packet out
        assertThrows(IllegalStateException.class, () -> q.pollPeeked(0));
        assertNull(new FqCoDelQueue<Pkt>(QueueSettings.defaults(), 1).peek(0, drops));
    }

    @Test
    void clearHandsEveryPacketBackAndStartsAfresh() {
        FqCoDelQueue<Pkt> q = new FqCoDelQueue<>(QueueSettings.defaults(), 3);
        List<Pkt> all = new ArrayList<>();
        for (int i = 0; i < 30; i++) {
            all.add(add(q, 0, i % 3, 500));
        }
        q.poll(0, drops);
        all.remove(0);
        q.clear(drops);
        assertEquals(all.size(), drops.count(QueueDropReason.CLEARED));
        assertTrue(drops.packets.containsAll(all));
        assertTrue(q.isEmpty());
        assertEquals(0, q.bytes());
        Pkt again = add(q, 0, 2, 100);
        assertSame(again, q.poll(0, drops));
    }

    @Test
    void intervalFollowsTheSenderAndMustExceedTheTarget() {
        FqCoDelQueue<Pkt> q = new FqCoDelQueue<>(QueueSettings.defaults(), 1);
        q.setIntervalNanos(300 * MS);
        assertThrows(IllegalArgumentException.class, () -> q.setIntervalNanos(5 * MS));
        assertThrows(IllegalArgumentException.class, () -> new FqCoDelQueue<Pkt>(QueueSettings.defaults(), 0));
        assertThrows(IndexOutOfBoundsException.class, () -> add(q, 0, 1, 100));
    }
}
