package dev.braid.multilink.protocol;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.management.ManagementFactory;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.LongRange;
import org.junit.jupiter.api.Test;

/** Bounds, expiry in virtual time, exact keys under hash collisions, slot reuse, rates and status. */
class FlowTableTest {
    private static final long MS = 1_000_000L;
    private static final long S = 1_000 * MS;

    private final InnerPacketParser<byte[]> parser = new InnerPacketParser<>(PacketBytes.BYTE_ARRAY, 11);
    private final PacketFacts facts = new PacketFacts();

    private PacketFacts udp(String src, int srcPort, String dst, int dstPort) {
        return parser.parse(InnerPackets.udp4(src, srcPort, dst, dstPort, 132), facts);
    }

    private static FlowTable table(int maxFlows) {
        return new FlowTable(FlowSettings.builder().maxFlows(maxFlows).build());
    }

    @Test
    void aFloodOfDistinctTuplesStaysWithinTheCapacityAndAllocatesNothing() {
        FlowTable table = table(1024);
        byte[] packet = InnerPackets.udp4("10.0.0.2", 0, "10.0.0.1", 5004, 132);
        flood(table, packet, 0, 50_000, 1_000); // warm up the JIT
        long before = allocatedBytes();
        flood(table, packet, 50_000, 100_000, 1_000);
        long allocated = allocatedBytes() - before;
        FlowTableStats stats = table.stats();
        assertEquals(1024, stats.tracked());
        assertEquals(1024, stats.created(), "nothing expired within the idle time");
        assertEquals(100_000 - 1024, stats.overflowPackets());
        assertEquals((100_000L - 1024) * packet.length, stats.overflowBytes());
        assertTrue(allocated < 4096, "allocated " + allocated + " bytes for 50 000 packets");
        assertFalse(table.realtime(table.overflowSlot()));
    }

    @Test
    void aLongFloodExpiresAndReusesSlotsWithoutAllocating() {
        FlowTable table = table(1024);
        byte[] packet = InnerPackets.udp4("10.0.0.2", 0, "10.0.0.1", 5004, 132);
        flood(table, packet, 0, 50_000, MS);
        long before = allocatedBytes();
        // 1 ms apart: the table fills in 1 s, its flows idle out at 30-31 s, 60-61 s and 90-91 s and
        // each time the new tuples of that second take their slots
        flood(table, packet, 50_000, 100_000, MS);
        long allocated = allocatedBytes() - before;
        FlowTableStats stats = table.stats();
        assertEquals(1024, stats.tracked());
        assertEquals(100_000 - 1024 - stats.expired(), stats.overflowPackets());
        assertEquals(stats.created() - 1024, stats.expired());
        assertEquals(3 * 1024, stats.expired());
        assertTrue(allocated < 4096, "allocated " + allocated + " bytes for 50 000 packets");
    }

    /** Packets number {@code from} .. {@code to - 1}, each a new tuple (source address and port), {@code gapNanos} apart. */
    private void flood(FlowTable table, byte[] packet, int from, int to, long gapNanos) {
        for (int i = from; i < to; i++) {
            packet[14] = (byte) (i >>> 16);
            packet[15] = (byte) (i >>> 8);
            InnerPackets.putShort(packet, 20, i);
            int slot = table.touch(i * gapNanos, parser.parse(packet, facts), packet.length);
            assertTrue(slot >= 0 && slot <= table.capacity());
        }
    }

    private static long allocatedBytes() {
        return ((com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean()).getCurrentThreadAllocatedBytes();
    }

    @Test
    void aFullTableGivesTheOverflowSlotUntilAFlowExpires() {
        FlowTable table = new FlowTable(FlowSettings.builder().maxFlows(2).flowIdleNanos(30 * S).build());
        int a = table.touch(0, udp("10.0.0.2", 1, "10.0.0.1", 9), 100);
        int b = table.touch(10 * S, udp("10.0.0.2", 2, "10.0.0.1", 9), 100);
        assertNotEquals(a, b);
        assertEquals(table.overflowSlot(), table.touch(20 * S, udp("10.0.0.2", 3, "10.0.0.1", 9), 100));
        assertEquals(table.overflowSlot(), table.touch(29_999 * MS, udp("10.0.0.2", 4, "10.0.0.1", 9), 100));
        // a idles 30 s: it goes and its slot takes the new flow; b is 20 s idle and stays
        int c = table.touch(30 * S, udp("10.0.0.2", 5, "10.0.0.1", 9), 100);
        assertEquals(a, c);
        assertEquals(b, table.touch(30 * S, udp("10.0.0.2", 2, "10.0.0.1", 9), 100));
        FlowTableStats stats = table.stats();
        assertEquals(1, stats.expired());
        assertEquals(2, stats.overflowPackets());
        assertEquals(3, stats.created());
    }

    @Test
    void idleFlowsExpireInVirtualTimeOldestFirst() {
        FlowTable table = table(16);
        table.touch(0, udp("10.0.0.2", 1, "10.0.0.1", 9), 100);
        table.touch(5 * S, udp("10.0.0.2", 2, "10.0.0.1", 9), 100);
        table.touch(10 * S, udp("10.0.0.2", 1, "10.0.0.1", 9), 100); // seen again: now the younger one
        assertEquals(0, table.expireIdle(34_999 * MS));
        assertEquals(1, table.expireIdle(35 * S));
        assertEquals(1, table.trackedFlows());
        assertEquals(0, table.expireIdle(39_999 * MS));
        assertEquals(1, table.expireIdle(40 * S));
        assertEquals(0, table.trackedFlows());
        assertEquals(2, table.stats().expired());
    }

    @Test
    void twoTuplesWithOneHashStayTwoFlows() {
        FlowTable table = table(16);
        PacketFacts first = parser.parse(InnerPackets.udp4("10.0.0.2", 1, "10.0.0.1", 9, 0), new PacketFacts());
        PacketFacts second = parser.parse(InnerPackets.udp4("10.0.0.2", 2, "10.0.0.1", 9, 0), new PacketFacts());
        second.flowHash = first.flowHash;
        int a = table.touch(0, first, 100);
        int b = table.touch(0, second, 100);
        assertNotEquals(a, b);
        assertEquals(a, table.touch(MS, first, 100));
        assertEquals(b, table.touch(MS, second, 100));
        assertEquals(2, table.packets(a));
        assertEquals(2, table.packets(b));
    }

    @Test
    void collidingFlowsAreFoundAfterOthersOfTheirRunExpire() {
        FlowTable table = table(64);
        PacketFacts[] flows = new PacketFacts[40];
        int[] slots = new int[flows.length];
        for (int i = 0; i < flows.length; i++) {
            flows[i] = parser.parse(InnerPackets.udp4("10.0.0.2", i, "10.0.0.1", 9, 0), new PacketFacts());
            flows[i].flowHash = i % 3; // three long runs in neighbouring buckets
        }
        for (int i = 0; i < flows.length; i++) {
            slots[i] = table.touch(0, flows[i], 100);
        }
        for (int i = 1; i < flows.length; i += 2) {
            assertEquals(slots[i], table.touch(20 * S, flows[i], 100));
        }
        assertEquals(20, table.expireIdle(30 * S), "the even flows expire");
        for (int i = 1; i < flows.length; i += 2) {
            assertEquals(slots[i], table.touch(31 * S, flows[i], 100), "flow " + i);
        }
        assertEquals(20, table.trackedFlows());
    }

    @Test
    void aReusedSlotStartsAgainAsANewBulkFlow() {
        FlowTable table = new FlowTable(FlowSettings.builder().maxFlows(1).build());
        long t = 0;
        int slot = 0;
        for (int i = 0; i < 6; i++, t += 20 * MS) {
            slot = table.touch(t, udp("10.0.0.2", 5004, "10.0.0.1", 5004), 172);
        }
        assertTrue(table.realtime(slot));
        long firstId = table.flowId(slot);
        table.setLastGlobalSeq(slot, 99);
        table.setLink(slot, 2);
        table.addDuplicateSent(slot);
        assertEquals(99, table.lastGlobalSeq(slot));
        assertEquals(2, table.linkOf(slot));
        assertEquals(1, table.duplicatesSent(slot));

        int reused = table.touch(t + 31 * S, udp("10.0.0.3", 5004, "10.0.0.1", 5004), 1400);
        assertEquals(slot, reused);
        assertNotEquals(firstId, table.flowId(reused));
        assertFalse(table.realtime(reused));
        assertEquals(-1, table.lastGlobalSeq(reused));
        assertEquals(-1, table.linkOf(reused));
        assertEquals(0, table.duplicatesSent(reused));
        assertEquals(1, table.packets(reused));
    }

    @Test
    void aNewFlowHasNoGlobalSeqYet() {
        FlowTable table = table(16);
        int slot = table.touch(0, udp("10.0.0.2", 1, "10.0.0.1", 9), 100);
        assertEquals(-1, table.lastGlobalSeq(slot));
        assertEquals(-1, table.lastGlobalSeq(table.overflowSlot()));
    }

    @Test
    void theRateOfASteadyFlowIsItsRateAndDecaysWhenItStops() {
        FlowTable table = table(16);
        int slot = -1;
        long t = 0;
        for (int i = 0; i < 500; i++, t += 20 * MS) {
            slot = table.touch(t, udp("10.0.0.2", 5004, "10.0.0.1", 5004), 160);
        }
        long last = t - 20 * MS;
        assertEquals(8_000, table.rateBytesPerSecond(slot, last), 80);
        assertEquals(160, table.meanPacketBytes(slot), 1e-9);
        assertTrue(table.rateBytesPerSecond(slot, last + 10 * S) < 1_000);
    }

    @Test
    void theRateIsRightFromTheSecondPacketOn() {
        FlowTable table = table(16);
        int slot = table.touch(0, udp("10.0.0.2", 1, "10.0.0.1", 9), 1000);
        assertEquals(0, table.rateBytesPerSecond(slot, 0));
        table.touch(10 * MS, udp("10.0.0.2", 1, "10.0.0.1", 9), 1000);
        assertEquals(100_000, table.rateBytesPerSecond(slot, 10 * MS), 1);
    }

    @Test
    void aVoiceFlowIsRealtimeFromItsFirstPacketAndAGrowingOneMovesToBulkAndBackAfterTheHoldDown() {
        FlowTable table = table(16);
        long t = 0;
        int slot = -1;
        for (int i = 1; i <= 5; i++, t += 20 * MS) {
            slot = table.touch(t, udp("10.0.0.2", 5004, "10.0.0.1", 5004), 172);
            assertTrue(table.realtime(slot), "packet " + i);
        }
        // the flow turns into a 5 Mbit/s stream of small packets: bulk within a few hundred ms
        long grewAt = t;
        while (table.realtime(slot)) {
            table.touch(t, udp("10.0.0.2", 5004, "10.0.0.1", 5004), 250);
            t += 400_000;
        }
        assertTrue(t - grewAt < 400 * MS, "took " + (t - grewAt) / MS + " ms");
        for (long until = t + 300 * MS; t < until; t += 400_000) {
            table.touch(t, udp("10.0.0.2", 5004, "10.0.0.1", 5004), 250);
        }
        // voice again: its rate falls below 1 Mbit/s within ~1.5 s, then 2 s of hold-down
        long calmAt = t;
        while (!table.realtime(slot)) {
            table.touch(t, udp("10.0.0.2", 5004, "10.0.0.1", 5004), 172);
            t += 20 * MS;
        }
        long back = t - calmAt;
        assertTrue(back >= 2 * S && back < 5 * S, "back after " + back / MS + " ms");
    }

    @Test
    void statsCountFlowsPerClass() {
        FlowTable table = table(16);
        for (int i = 0; i < 5; i++) {
            table.touch(i * 20 * MS, udp("10.0.0.2", 5004, "10.0.0.1", 5004), 172);
        }
        table.touch(0, parser.parse(InnerPackets.ipv4(InnerPackets.TCP, "10.0.0.2", 40000, "10.0.0.1", 443, 0, 1400),
                facts), 1448);
        FlowTableStats stats = table.stats();
        assertEquals(new FlowTableStats(16, 2, 1, 1, 2, 0, 0, 0), stats);
    }

    @Test
    void topListsFlowsByRateWithTheirTuples() {
        FlowTable table = new FlowTable(FlowSettings.builder().maxFlows(3).build());
        PacketFacts v6 = new PacketFacts();
        for (int i = 0; i < 100; i++) {
            long t = i * 10 * MS;
            table.touch(t, udp("10.0.0.2", 5004, "10.0.0.1", 5004), 172);
            table.touch(t, parser.parse(InnerPackets.ipv6(InnerPackets.TCP, "2001:db8::1", "2001:db8::2", 0,
                    InnerPackets.ports(443, 50000, 1400)), v6), 1468);
            table.touch(t, parser.parse(InnerPackets.ipv4(InnerPackets.ICMP, "10.0.0.2", 8, "10.0.0.1", 0, 0, 56),
                    facts), 84);
            table.touch(t, udp("10.0.0.9", i, "10.0.0.1", 53), 60); // full: overflow
        }
        List<FlowSummary> top = table.top(3, 990 * MS);
        assertEquals(3, top.size());
        assertEquals("tcp [2001:db8::1]:443 > [2001:db8::2]:50000", top.get(0).tuple());
        assertEquals("udp 10.0.0.2:5004 > 10.0.0.1:5004", top.get(1).tuple());
        assertEquals(FlowClass.BULK, top.get(0).flowClass());
        assertEquals(FlowClass.REALTIME, top.get(1).flowClass());
        assertEquals(100, top.get(1).packets());
        assertEquals(172, top.get(1).meanPacketBytes());
        assertEquals(1468 * 8 * 100, top.get(0).rateBitsPerSecond(), 1468 * 8 * 2);
        List<FlowSummary> all = table.top(10, 990 * MS);
        assertEquals(4, all.size());
        assertTrue(all.stream().anyMatch(s -> s.tuple().equals("overflow") && s.slot() == table.overflowSlot()));
        assertTrue(all.stream().anyMatch(s -> s.tuple().equals("icmp 10.0.0.2 > 10.0.0.1")));
    }

    /**
     * Against a map of the live flows, with hashes squeezed into 8 values so runs collide and the
     * backward-shift deletion is exercised: a live flow keeps its slot, the tracked count is the
     * model's, and a full table gives the overflow slot.
     */
    @Property(tries = 200)
    void behavesLikeAMapOfLiveFlows(@ForAll @LongRange(min = 0, max = 1L << 40) long seed,
                                    @ForAll @IntRange(min = 1, max = 40) int maxFlows,
                                    @ForAll @IntRange(min = 1, max = 120) int tuples) {
        Random random = new Random(seed);
        long idle = 1 * S;
        FlowTable table = new FlowTable(FlowSettings.builder().maxFlows(maxFlows).flowIdleNanos(idle).build());
        PacketFacts[] flows = new PacketFacts[tuples];
        for (int i = 0; i < tuples; i++) {
            flows[i] = parser.parse(InnerPackets.udp4("10.0.0.2", i, "10.0.0.1", 9, 0), new PacketFacts());
            flows[i].flowHash = random.nextInt(8);
        }
        Map<Integer, long[]> live = new HashMap<>(); // tuple -> {slot, last seen}
        long t = 0;
        for (int step = 0; step < 2000; step++) {
            t += random.nextInt(50) * MS;
            final long now = t;
            live.values().removeIf(entry -> now - entry[1] >= idle);
            int i = random.nextInt(tuples);
            int slot = table.touch(t, flows[i], 100);
            long[] known = live.get(i);
            if (known != null) {
                assertEquals(known[0], slot, "a live flow keeps its slot");
                known[1] = t;
            } else if (live.size() < maxFlows) {
                assertNotEquals(table.overflowSlot(), slot);
                assertTrue(live.values().stream().noneMatch(entry -> entry[0] == slot), "slot in use");
                live.put(i, new long[] {slot, t});
            } else {
                assertEquals(table.overflowSlot(), slot);
            }
            assertEquals(live.size(), table.trackedFlows());
        }
    }
}
