package dev.braid.multilink.protocol;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The queue's node pool and flow arrays: small at first, doubling up to the bounds, given back when empty. */
class FqCoDelQueueGrowthTest {
    private static final long MS = 1_000_000L;
    private static final DropSink<long[]> NO_DROPS = (packet, reason) -> {
        throw new AssertionError("dropped " + reason);
    };

    private static FqCoDelQueue<long[]> queue(int maxPackets, int flowSlots) {
        return new FqCoDelQueue<>(QueueSettings.defaults().toBuilder().maxPackets(maxPackets)
                .maxBytes(Long.MAX_VALUE).build(), flowSlots);
    }

    @Test
    void startsSmallAndGrowsAsPacketsAndFlowsCome() {
        FqCoDelQueue<long[]> q = queue(1024, 1026);
        assertEquals(FqCoDelQueue.INITIAL_NODES, q.allocatedNodes());
        assertEquals(FqCoDelQueue.INITIAL_FLOWS, q.allocatedFlows());
        for (int i = 0; i < 100; i++) {
            q.add(0, 1, new long[] {1, i}, 100, NO_DROPS);
        }
        assertEquals(128, q.allocatedNodes(), "16, 32, 64, 128");
        assertEquals(FqCoDelQueue.INITIAL_FLOWS, q.allocatedFlows(), "one flow in the first slots");
        q.add(0, 500, new long[] {500, 0}, 100, NO_DROPS);
        assertEquals(501, q.allocatedFlows(), "up to the slot at once, not doubling 8 to 512 in steps");
        assertThrows(IndexOutOfBoundsException.class, () -> q.add(0, 1026, new long[] {0, 0}, 100, NO_DROPS));
    }

    @Test
    void theNodePoolStopsAtTheBoundAndTheFattestFlowOverflows() {
        FqCoDelQueue<long[]> q = queue(1000, 4);
        List<QueueDropReason> dropped = new ArrayList<>();
        for (int i = 0; i < 5000; i++) {
            q.add(0, i % 4, new long[] {i % 4, i}, 100, (packet, reason) -> dropped.add(reason));
            assertTrue(q.size() <= 1000);
        }
        assertEquals(1001, q.allocatedNodes(), "the bound and one spare");
        assertEquals(4, q.allocatedFlows());
        assertEquals(5000 - q.size(), dropped.size(), "every packet queued or dropped (in batches, as fq_codel)");
        assertTrue(dropped.stream().allMatch(r -> r == QueueDropReason.OVERFLOW));
    }

    @Test
    void everyPacketLeavesOnceInItsFlowsOrderAcrossGrowth() {
        FqCoDelQueue<long[]> q = queue(1024, 64);
        Map<Long, Long> nextOfFlow = new HashMap<>();
        int added = 0;
        for (int i = 0; i < 600; i++) {
            q.add(i * 1000L, i % 37, new long[] {i % 37, i}, 100, NO_DROPS); // grows mid-way
            added++;
        }
        int polled = 0;
        for (long[] p; (p = q.poll(MS, NO_DROPS)) != null; polled++) {
            long previous = nextOfFlow.getOrDefault(p[0], -1L);
            assertTrue(p[1] > previous, "flow " + p[0] + " in order");
            nextOfFlow.put(p[0], p[1]);
        }
        assertEquals(added, polled);
        assertEquals(37, nextOfFlow.size());
    }

    @Test
    void releaseIdleGivesTheArraysBackOnlyWhenEmpty() {
        FqCoDelQueue<long[]> q = queue(1024, 1026);
        assertFalse(q.releaseIdle(), "already at the first size");
        for (int i = 0; i < 300; i++) {
            q.add(0, i, new long[] {i, i}, 100, NO_DROPS);
        }
        assertFalse(q.releaseIdle(), "packets are queued");
        assertEquals(512, q.allocatedNodes());
        for (int i = 0; i < 299; i++) {
            q.poll(MS, NO_DROPS);
        }
        assertFalse(q.releaseIdle());
        q.poll(MS, NO_DROPS);
        assertTrue(q.isEmpty());
        assertTrue(q.releaseIdle());
        assertEquals(FqCoDelQueue.INITIAL_NODES, q.allocatedNodes());
        assertEquals(FqCoDelQueue.INITIAL_FLOWS, q.allocatedFlows());

        long[] sparse = {3, 0};
        q.add(2 * MS, 700, new long[] {700, 0}, 1500, NO_DROPS);
        q.add(2 * MS, 3, sparse, 100, NO_DROPS);
        assertEquals(700, q.poll(2 * MS, NO_DROPS)[0], "new flows in arrival order after the release");
        assertEquals(sparse, q.poll(2 * MS, NO_DROPS));
        assertNull(q.poll(2 * MS, NO_DROPS));
    }
}
