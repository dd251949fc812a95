package dev.braid.multilink.protocol;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.management.ManagementFactory;
import org.junit.jupiter.api.Test;

/** The table's arrays: a few flows cost a few slots, doubling up to max-flows, shrunk when the flows expired. */
class FlowTableGrowthTest {
    private static final long MS = 1_000_000L;
    private static final long S = 1_000 * MS;
    private static final long IDLE = 30 * S;

    private final InnerPacketParser<byte[]> parser = new InnerPacketParser<>(PacketBytes.BYTE_ARRAY, 11);
    private final byte[] packet = InnerPackets.udp4("10.0.0.2", 0, "10.0.0.1", 5004, 132);
    private final PacketFacts facts = new PacketFacts();

    private static FlowTable table(int maxFlows) {
        return new FlowTable(FlowSettings.builder().maxFlows(maxFlows).flowIdleNanos(IDLE).build());
    }

    /** A packet of flow {@code n} (its source port and address tell the flows apart). */
    private int touch(FlowTable table, long nowNanos, int n) {
        packet[14] = (byte) (n >>> 16);
        packet[15] = (byte) (n >>> 8);
        InnerPackets.putShort(packet, 20, n);
        return table.touch(nowNanos, parser.parse(packet, facts), packet.length);
    }

    @Test
    void startsWithEightSlotsAndDoublesAsFlowsArrive() {
        FlowTable table = table(1024);
        assertEquals(FlowTable.INITIAL_FLOWS, table.allocatedFlows());
        int[] slots = new int[100];
        for (int n = 0; n < 100; n++) {
            slots[n] = touch(table, n * MS, n);
            assertNotEquals(table.overflowSlot(), slots[n]);
        }
        assertEquals(128, table.allocatedFlows(), "8, 16, 32, 64, 128");
        for (int n = 0; n < 100; n++) {
            assertEquals(slots[n], touch(table, S + n * MS, n), "a flow keeps its slot across growth");
            assertEquals(2, table.packets(slots[n]));
        }
        assertEquals(100, table.trackedFlows());
        assertEquals(100, table.stats().created());
    }

    @Test
    void aFloodOfDistinctTuplesStopsAtMaxFlowsAndCostsBoundedMemory() {
        FlowTable table = table(1000);
        touch(table, 0, 0); // load the classes before counting
        long before = allocatedBytes();
        for (int n = 1; n < 100_000; n++) {
            touch(table, n * 1000L, n);
        }
        long allocated = allocatedBytes() - before;
        assertEquals(1000, table.allocatedFlows(), "8 .. 512, then the bound, not a power of two");
        assertEquals(1000, table.trackedFlows());
        assertEquals(100_000 - 1000, table.stats().overflowPackets());
        // every doubling copies what the last held: under twice the final arrays (~200 B a slot)
        assertTrue(allocated < 2 * 1001 * 200 + 64 * 1024, "allocated " + allocated + " bytes for 100 000 tuples");
    }

    @Test
    void releaseIdleShrinksToTheFirstSizeOnceTheFlowsExpired() {
        FlowTable table = table(1024);
        for (int n = 0; n < 500; n++) {
            touch(table, n * MS, n);
        }
        assertEquals(512, table.allocatedFlows());
        assertFalse(table.releaseIdle(IDLE), "the later flows are still live");
        assertTrue(table.releaseIdle(IDLE + S));
        assertEquals(FlowTable.INITIAL_FLOWS, table.allocatedFlows());
        assertEquals(0, table.trackedFlows());
        assertEquals(500, table.stats().expired());

        int slot = touch(table, 40 * S, 7);
        assertEquals(1, slot, "the lowest slot first");
        assertEquals(1, table.packets(slot));
        assertEquals(-1, table.lastGlobalSeq(slot));
        assertEquals(501, table.flowId(slot));
    }

    @Test
    void releaseIdleKeepsTheLiveFlowsInTheirSlots() {
        FlowTable table = table(1024);
        int[] slots = new int[40];
        for (int n = 0; n < 40; n++) {
            slots[n] = touch(table, 0, n);
        }
        assertEquals(64, table.allocatedFlows());
        touch(table, 20 * S, 3); // flow 3 stays live, the others expire at 30 s
        table.setLastGlobalSeq(slots[3], 77);
        assertTrue(table.releaseIdle(31 * S));
        assertEquals(FlowTable.INITIAL_FLOWS, table.allocatedFlows(), "slot " + slots[3] + " fits in the first size");
        assertEquals(slots[3], touch(table, 32 * S, 3));
        assertEquals(3, table.packets(slots[3]));
        assertEquals(77, table.lastGlobalSeq(slots[3]));
        assertEquals(1, table.trackedFlows());

        FlowTable high = table(1024);
        int highSlot = 0;
        for (int n = 0; n < 40; n++) {
            highSlot = touch(high, 0, n);
        }
        touch(high, 20 * S, 39);
        assertEquals(40, highSlot);
        assertFalse(high.releaseIdle(31 * S), "slot 40 is live: the 64 slots stay");
        assertEquals(39, high.stats().expired());
        assertEquals(64, high.allocatedFlows());
    }

    private static long allocatedBytes() {
        return ((com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean()).getCurrentThreadAllocatedBytes();
    }
}
