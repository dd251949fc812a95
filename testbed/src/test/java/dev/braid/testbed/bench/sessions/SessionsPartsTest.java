package dev.braid.testbed.bench.sessions;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.UnpooledByteBufAllocator;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The bench's pure parts: packets, parsing of what the processes say, the derived figures. */
class SessionsPartsTest {

    @Test
    void echoRequestsCarryValidChecksums() {
        ByteBuf packet = EchoPackets.request(UnpooledByteBufAllocator.DEFAULT, 0x0a500002, 0x0a500001, 7, 3, 100);
        try {
            assertEquals(100, packet.readableBytes());
            assertEquals(0, EchoPackets.checksum(packet, 0, EchoPackets.IP_HEADER), "IP header sums to zero");
            assertEquals(0, EchoPackets.checksum(packet, EchoPackets.IP_HEADER, 100 - EchoPackets.IP_HEADER), "ICMP sums to zero");
            assertEquals(1, packet.getUnsignedByte(9), "protocol ICMP");
            assertEquals(8, packet.getUnsignedByte(20), "echo request");
            assertEquals(7, packet.getUnsignedShort(24), "identifier");
        } finally {
            packet.release();
        }
        assertThrows(IllegalArgumentException.class,
                () -> EchoPackets.request(UnpooledByteBufAllocator.DEFAULT, 1, 2, 0, 0, EchoPackets.MIN_SIZE - 1));
    }

    @Test
    void everySessionHasItsOwnSourceAddressSpreadOverTheSubnetsBehindTheRouter() {
        Set<String> addresses = new HashSet<>();
        for (int i = 0; i < SourceAddresses.MAX; i++) {
            String address = SourceAddresses.of(i);
            assertTrue(addresses.add(address));
            // off the proxy's link, so its only neighbour is the router
            assertTrue(address.startsWith("10.201.") && SourceAddresses.FLEET.equals("10.201.0.0/16"), address);
        }
        assertTrue(SourceAddresses.ROUTER.startsWith("10.200.0.") && SourceAddresses.PROXY.startsWith("10.200.0."));
        assertEquals("10.201.1.2", SourceAddresses.of(0));
        assertEquals("10.201.2.2", SourceAddresses.of(1));
        assertEquals("10.201.1.3", SourceAddresses.of(SourceAddresses.SUBNETS));
        assertEquals("10.201.64.254", SourceAddresses.of(SourceAddresses.MAX - 1));
        assertThrows(IllegalArgumentException.class, () -> SourceAddresses.of(SourceAddresses.MAX));
    }

    @Test
    void generatorEventsRoundTrip() {
        String line = GeneratorProtocol.format("up", "ok", 20, "seconds", 1.5);
        assertEquals("@up ok=20 seconds=1.5000", line);
        assertEquals(Map.of("ok", "20", "seconds", "1.5000"), GeneratorProtocol.parse(line, "up"));
        assertNull(GeneratorProtocol.parse(line, "back"));
        assertNull(GeneratorProtocol.parse("11:00:00.000 WARN something", "up"));
    }

    @Test
    void liveHeapIsReadFromG1AndSerialHeapInfo() {
        String g1 = """
                12345:
                 garbage-first heap   total 262144K, used 35000K [0x00000000f0000000, 0x0000000100000000)
                  region size 1024K, 3 young (3072K), 0 survivors (0K)
                 Metaspace       used 20000K, committed 20480K, reserved 1114112K
                """;
        assertEquals(35000, ProcessMeter.heapUsedKiB(g1));
        String serial = """
                 def new generation   total 4928K, used 1000K [0x00000000f3a00000)
                  eden space 4416K,  22% used
                 tenured generation   total 10944K, used 5000K [0x00000000f8f50000)
                 Metaspace       used 20000K, committed 20480K, reserved 1114112K
                """;
        assertEquals(6000, ProcessMeter.heapUsedKiB(serial));
        assertEquals(-1, ProcessMeter.heapUsedKiB("no heap here"));
    }

    @Test
    void theProxysAcceptRateComesFromItsLoginLines() {
        String log = String.join("\n",
                "11:34:10.500 INFO  d.b.c.l.ServerLogin - login: user s1 from 10.200.2.2 accepted, session 9 address 10.80.0.2",
                "11:34:10.700 INFO  d.b.c.s.Session - session 9 (s1, 10.80.0.2): link link0 joined",
                "11:34:11.000 INFO  d.b.c.l.ServerLogin - login: user s2 from 10.200.3.2 accepted, session 8 address 10.80.0.3",
                "11:34:12.500 INFO  d.b.c.l.ServerLogin - login: user s3 from 10.200.4.2 accepted, session 7 address 10.80.0.4");
        List<Double> times = ProxyView.acceptTimes(log);
        assertEquals(3, times.size());
        assertEquals(1.0, ProxyView.acceptRate(times), 1e-9, "2 more logins in 2 s");
        assertTrue(Double.isNaN(ProxyView.acceptRate(times.subList(0, 1))));
    }

    @Test
    void perSessionFiguresAndRatesDeriveFromTheMeasurements() {
        SessionsFigures f = new SessionsFigures();
        f.coldOk = 100;
        f.emptyRssKiB = 100_000;
        f.loadedRssKiB = 150_000;
        assertEquals(500.0, f.rssPerSessionKiB(), 1e-9);
        assertTrue(Double.isNaN(f.heapPerSessionKiB()), "heap not measured");
        f.coldTimes = SessionsFigures.sortedTimes(List.of("2.0", "", "1.0", "4.0", "3.0"));
        assertArrayEquals(new double[] {1.0, 2.0, 3.0, 4.0}, f.coldTimes);
        assertEquals(1.0, f.coldLoginsPerSecond(), 1e-9, "4 sessions by 4 s");
        f.backTimes = new double[] {10.0, 11.0, 12.0};
        assertEquals(1.5, f.restartLoginsPerSecond(), 1e-9, "3 sessions between 10 s and 12 s");
        assertEquals(10.0, f.firstBackSeconds(), 1e-9);
    }

    @Test
    void dropCountsGrowAndRoundTripThroughAnEvent() {
        Map<String, Long> grown = DropCounts.growth(Map.of("login-queue-full", 5L, "not-ipv4", 1L),
                Map.of("login-queue-full", 9L, "not-ipv4", 1L, "tun-overflow", 3L));
        assertEquals(Map.of("login-queue-full", 4L, "tun-overflow", 3L), grown);
        assertEquals(grown, DropCounts.parse(DropCounts.format(grown)));
        assertEquals("none", DropCounts.format(Map.of()));
        assertTrue(DropCounts.parse("none").isEmpty());
    }

    @Test
    void cumulativeCurveStartsAtTheFirstLoginAndEndsWithAll() {
        double[][] curve = SessionsCharts.cumulative(new double[] {1.0, 2.0, 5.0});
        assertArrayEquals(new double[] {1.0, 1.0, 2.0, 5.0}, curve[0]);
        assertArrayEquals(new double[] {0, 1, 2, 3}, curve[1]);
    }
}
