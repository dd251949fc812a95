package dev.braid.testbed.demo;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.braid.testbed.link.QueueLimit;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.netty.buffer.UnpooledByteBufAllocator;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/** The demo's small parts: link specs, packets, the goodput sink, the status text. */
class DemoPartsTest {
    private static final ByteBufAllocator ALLOC = UnpooledByteBufAllocator.DEFAULT;

    @Test
    void linkDelayIsTheRoundTripSplitOverBothDirections() {
        DemoLink fast = DemoLink.parse("8mbit/10ms");
        assertEquals(8_000_000, fast.rateBitsPerSecond());
        assertEquals(10_000_000, fast.rttNanos());
        assertEquals(5_000_000, fast.link().down().delayNanos());
        assertEquals(5_000_000, fast.link().up().delayNanos());
        assertEquals(8_000_000, fast.link().up().rateBitsPerSecond());
        assertEquals(QueueLimit.delay(50_000_000), fast.link().down().queueLimit(), "at least 50 ms of queue");

        DemoLink slow = DemoLink.parse("2mbit/100ms");
        assertEquals(QueueLimit.delay(100_000_000), slow.link().down().queueLimit(), "one RTT of queue");

        DemoLink custom = DemoLink.parse("4mbit/40ms,loss=1%,queue=20ms");
        assertEquals(QueueLimit.delay(20_000_000), custom.link().down().queueLimit());
        assertEquals(0.01, custom.link().down().lossProbability(), 1e-12);

        assertThrows(IllegalArgumentException.class, () -> DemoLink.parse("10ms"));
        assertThrows(IllegalArgumentException.class, () -> DemoLink.parse("0/10ms"));
    }

    @Test
    void durationsAcceptBareSeconds() {
        assertEquals(5_000_000_000L, DemoCommand.parseDuration("5"));
        assertEquals(1_500_000_000L, DemoCommand.parseDuration("1.5s"));
        assertEquals(250_000_000L, DemoCommand.parseDuration("250ms"));
    }

    @Test
    void packetsCarryTheirSequenceNumberAndExactSize() {
        ByteBuf packet = CbrPackets.build(ALLOC, 0x0a000001, 0x0a000002, 123_456_789L, 1400);
        try {
            assertEquals(1400, packet.readableBytes());
            assertEquals(1400, packet.getUnsignedShort(2), "IPv4 total length");
            assertEquals(1380, packet.getUnsignedShort(24), "UDP length");
            assertEquals(123_456_789L, CbrPackets.sequence(packet));
            int sum = 0;
            for (int i = 0; i < 20; i += 2) {
                sum += packet.getUnsignedShort(i);
            }
            while ((sum >>> 16) != 0) {
                sum = (sum & 0xffff) + (sum >>> 16);
            }
            assertEquals(0xffff, sum, "IPv4 header checksum verifies");
        } finally {
            packet.release();
        }
        assertThrows(IllegalArgumentException.class, () -> CbrPackets.build(ALLOC, 1, 2, 0, CbrPackets.MIN_SIZE - 1));
    }

    @Test
    void sinkCountsUniquePacketsOnceAndTellsLateFromInOrder() {
        AtomicLong now = new AtomicLong();
        GoodputSink sink = new GoodputSink(now::get, 100_000_000L);
        long[] arrivals = {0, 1, 3, 2, 3, 4, 1, 7};
        for (long seq : arrivals) {
            now.addAndGet(60_000_000L);
            sink.accept(CbrPackets.build(ALLOC, 1, 2, seq, 100));
        }
        ByteBuf foreign = ALLOC.buffer(10).writeZero(10);
        sink.accept(foreign);
        assertEquals(0, foreign.refCnt(), "the sink releases what it takes");
        assertEquals(6, sink.unique(), "0 1 2 3 4 7");
        assertEquals(2, sink.duplicates(), "the second 3 and the second 1");
        assertEquals(1, sink.late(), "2 came after 3");
        assertEquals(5, sink.inOrder());
        assertEquals(1, sink.foreign());
        long[] bins = sink.inOrderBins();
        assertEquals(5, java.util.Arrays.stream(bins).sum());
    }

    @Test
    void statusTextGivesLinkAndResequencerNumbers() {
        String proxy = """
                proxy /127.0.0.1:40000  tun demo-proxy  pool 10.77.0.0/24  sessions 1/253
                session 1a2b (demo, 10.77.0.2)  path multilink  last heard 3 ms ago
                  id   link         remote                 state   pkts-out    bytes-out    pkts-in     bytes-in
                  0    link0        /127.0.0.1:41000       up          8000     11400000       2000       100000
                  1    link1        /127.0.0.1:41001       DOWN        2000      2850000        500        25000
                  multilink link0: cwnd 35 pipe 30 ssthresh - srtt 44.6 ms rto 120 ms sent 7990 acked 7900 lost 12 timeouts 0
                  multilink link1: cwnd 20 pipe 18 ssthresh 24 srtt 150.2 ms rto 400 ms sent 1990 acked 1950 lost 3 timeouts 1
                  resequencer: delivered 10 held 0 buffered 2 released-by-timeout 0 skipped-as-lost 0 overflow 0 duplicates 0
                drops: congestion=257 no-route=1
                """;
        StatusText status = StatusText.parse(proxy);
        assertEquals("link1", status.link(1).name());
        assertTrue(status.link(0).up());
        assertEquals(11_400_000, status.link(0).bytesOut());
        assertEquals(35, status.multilink(0, "cwnd"));
        assertEquals(44.6, status.multilink(0, "srtt"), 1e-9);
        assertEquals(400, status.multilink(1, "rto"));
        assertEquals(3, status.multilink(1, "lost"));
        assertTrue(Double.isNaN(status.multilink(2, "cwnd")));
        assertEquals(2, status.resequencer("buffered"));
        assertEquals(257, status.drops("congestion"));
        assertEquals(0, status.drops("queue-full"));
    }
}
