package dev.braid.multilink.protocol;

import static dev.braid.multilink.protocol.InnerPackets.ICMP;
import static dev.braid.multilink.protocol.InnerPackets.ICMPV6;
import static dev.braid.multilink.protocol.InnerPackets.TCP;
import static dev.braid.multilink.protocol.InnerPackets.UDP;
import static dev.braid.multilink.protocol.InnerPackets.authHeader;
import static dev.braid.multilink.protocol.InnerPackets.concat;
import static dev.braid.multilink.protocol.InnerPackets.fragmentHeader;
import static dev.braid.multilink.protocol.InnerPackets.ipv4;
import static dev.braid.multilink.protocol.InnerPackets.ipv6;
import static dev.braid.multilink.protocol.InnerPackets.optionsHeader;
import static dev.braid.multilink.protocol.InnerPackets.ports;
import static dev.braid.multilink.protocol.InnerPackets.udp4;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.HashSet;
import java.util.Random;
import java.util.Set;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.Size;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The inner packet's flow tuple, DSCP and length; bad input is flagged, never thrown. */
class InnerPacketParserTest {
    private static final String A6 = "2001:db8::1";
    private static final String B6 = "2001:db8:0:1::2";

    private final InnerPacketParser<byte[]> parser = new InnerPacketParser<>(PacketBytes.BYTE_ARRAY, 7);
    private final PacketFacts facts = new PacketFacts();

    private PacketFacts parse(byte[] packet) {
        return parser.parse(packet, facts);
    }

    @Test
    void ipv4UdpGivesTheFiveTupleDscpAndLength() {
        byte[] packet = InnerPackets.ipv4(UDP, "10.0.0.2", 5004, "10.0.0.1", 5006, Dscp.EF, 160);
        parse(packet);
        assertEquals(4, facts.ipVersion());
        assertEquals(UDP, facts.protocol());
        assertEquals(Dscp.EF, facts.dscp());
        assertEquals(packet.length, facts.totalLength());
        assertEquals(0x0A000002L, facts.srcLo());
        assertEquals(0, facts.srcHi());
        assertEquals(0x0A000001L, facts.dstLo());
        assertEquals(5004, facts.srcPort());
        assertEquals(5006, facts.dstPort());
        assertTrue(facts.hasPorts());
        assertFalse(facts.fragment());
        assertFalse(facts.malformed());
        assertEquals("udp 10.0.0.2:5004 > 10.0.0.1:5006", facts.toString());
    }

    @ParameterizedTest
    @ValueSource(ints = {6, 17, 132, 136})
    void everyPortProtocolHasPorts(int protocol) {
        parse(InnerPackets.ipv4(protocol, "192.168.1.9", 40000, "8.8.8.8", 443, 0, 20));
        assertTrue(facts.hasPorts());
        assertEquals(40000, facts.srcPort());
        assertEquals(443, facts.dstPort());
    }

    @Test
    void ipv4OptionsAreSkippedByTheHeaderLength() {
        byte[] plain = udp4("10.0.0.2", 1234, "10.0.0.1", 80, 4);
        byte[] withOptions = new byte[plain.length + 8];
        System.arraycopy(plain, 0, withOptions, 0, 20);
        System.arraycopy(plain, 20, withOptions, 28, plain.length - 20);
        withOptions[0] = 0x47;
        InnerPackets.putShort(withOptions, 2, withOptions.length);
        parse(withOptions);
        assertEquals(1234, facts.srcPort());
        assertEquals(80, facts.dstPort());
    }

    @Test
    void otherProtocolsHashOnTheAddressPairAndProtocol() {
        int echo = parse(InnerPackets.ipv4(ICMP, "10.0.0.2", 0x0800, "10.0.0.1", 1, 0, 8)).flowHash();
        assertFalse(facts.hasPorts());
        assertEquals(0, facts.srcPort());
        assertEquals("icmp 10.0.0.2 > 10.0.0.1", facts.toString());
        // other ICMP ids and sequence numbers are the same flow
        assertEquals(echo, parse(InnerPackets.ipv4(ICMP, "10.0.0.2", 0x0800, "10.0.0.1", 2, 0, 8)).flowHash());
        assertNotEquals(echo, parse(InnerPackets.ipv4(ICMP, "10.0.0.3", 0x0800, "10.0.0.1", 1, 0, 8)).flowHash());
    }

    @Test
    void ipv4FragmentsOfOneDatagramAreOneFlowWithoutPorts() {
        byte[] first = ipv4(UDP, "10.0.0.2", "10.0.0.1", 0, 0x2000, ports(5004, 5004, 100));
        byte[] middle = ipv4(UDP, "10.0.0.2", "10.0.0.1", 0, 0x2000 | 14, new byte[112]);
        byte[] last = ipv4(UDP, "10.0.0.2", "10.0.0.1", 0, 28, new byte[40]);
        int hash = parse(first).flowHash();
        assertTrue(facts.fragment());
        assertFalse(facts.hasPorts());
        assertEquals("udp 10.0.0.2 > 10.0.0.1 (fragments)", facts.toString());
        assertEquals(hash, parse(middle).flowHash());
        assertTrue(facts.fragment());
        assertEquals(hash, parse(last).flowHash());
        assertNotEquals(hash, parse(udp4("10.0.0.2", 5004, "10.0.0.1", 5004, 100)).flowHash(),
                "a whole datagram with ports is its own flow");
    }

    @Test
    void ipv4DontFragmentIsNotAFragment() {
        parse(ipv4(UDP, "10.0.0.2", "10.0.0.1", 0, 0x4000, ports(1, 2, 0)));
        assertFalse(facts.fragment());
        assertTrue(facts.hasPorts());
    }

    @Test
    void ipv6UdpGivesTheTupleAndDscp() {
        byte[] packet = ipv6(UDP, A6, B6, 34, ports(3478, 50000, 100));
        parse(packet);
        assertEquals(6, facts.ipVersion());
        assertEquals(UDP, facts.protocol());
        assertEquals(34, facts.dscp());
        assertEquals(packet.length, facts.totalLength());
        assertEquals(0x20010DB800000000L, facts.srcHi());
        assertEquals(1L, facts.srcLo());
        assertEquals(0x20010DB800000001L, facts.dstHi());
        assertEquals(2L, facts.dstLo());
        assertEquals(3478, facts.srcPort());
        assertEquals(50000, facts.dstPort());
        assertEquals("udp [2001:db8::1]:3478 > [2001:db8:0:1::2]:50000", facts.toString());
    }

    @ParameterizedTest
    @ValueSource(ints = {0, 43, 60})
    void ipv6OptionsHeadersAreSkipped(int header) {
        parse(ipv6(header, A6, B6, 0, concat(optionsHeader(TCP, 1), ports(443, 50001, 20))));
        assertFalse(facts.malformed());
        assertEquals(TCP, facts.protocol());
        assertEquals(443, facts.srcPort());
        assertEquals(50001, facts.dstPort());
    }

    @Test
    void ipv6AuthenticationHeaderUsesItsOwnLengthRule() {
        // AH with payload-length field 4: (4 + 2) * 4 = 24 bytes; the 8-byte rule would read 40
        parse(ipv6(51, A6, B6, 0, concat(authHeader(UDP, 4), ports(9, 10, 4))));
        assertFalse(facts.malformed());
        assertEquals(UDP, facts.protocol());
        assertEquals(9, facts.srcPort());
        assertEquals(10, facts.dstPort());
    }

    @Test
    void ipv6ChainOfHeadersInOrder() {
        byte[] rest = concat(optionsHeader(43, 0), optionsHeader(60, 2), optionsHeader(51, 0), authHeader(UDP, 1),
                ports(1000, 2000, 0));
        parse(ipv6(0, A6, B6, 0, rest));
        assertFalse(facts.malformed());
        assertEquals(1000, facts.srcPort());
        assertEquals(2000, facts.dstPort());
    }

    @Test
    void ipv6FragmentsAreOneFlowKeyedByTheFragmentHeadersNextHeader() {
        byte[] first = ipv6(44, A6, B6, 0, concat(fragmentHeader(UDP, 0, true), ports(5004, 5004, 1000)));
        byte[] later = ipv6(44, A6, B6, 0, concat(fragmentHeader(UDP, 126, false), new byte[300]));
        byte[] laterAfterOptions = ipv6(0, A6, B6, 0, concat(optionsHeader(44, 0), fragmentHeader(UDP, 126, true),
                new byte[300]));
        int hash = parse(first).flowHash();
        assertTrue(facts.fragment());
        assertEquals(UDP, facts.protocol());
        assertFalse(facts.hasPorts());
        assertEquals(hash, parse(later).flowHash());
        assertEquals(hash, parse(laterAfterOptions).flowHash());
        assertFalse(facts.malformed());
    }

    @Test
    void ipv6AtomicFragmentIsAWholeDatagram() {
        parse(ipv6(44, A6, B6, 0, concat(fragmentHeader(UDP, 0, false), ports(7, 8, 0))));
        assertFalse(facts.fragment());
        assertTrue(facts.hasPorts());
        assertEquals(8, facts.dstPort());
    }

    @ParameterizedTest
    @ValueSource(ints = {50, 59, 253})
    void ipv6StopsAtEspNoNextHeaderAndUnknownHeaders(int next) {
        parse(ipv6(60, A6, B6, 0, concat(optionsHeader(next, 0), new byte[16])));
        assertFalse(facts.malformed());
        assertEquals(next, facts.protocol());
        assertFalse(facts.hasPorts());
    }

    @Test
    void ipv6IcmpIsKeyedByAddresses() {
        parse(ipv6(ICMPV6, A6, B6, 0, new byte[8]));
        assertEquals("icmpv6 2001:db8::1 > 2001:db8:0:1::2", facts.toString());
    }

    @Test
    void tooManyIpv6ExtensionHeadersIsMalformed() {
        byte[][] chain = new byte[InnerPacketParser.MAX_EXTENSION_HEADERS + 2][];
        for (int i = 0; i < chain.length - 1; i++) {
            chain[i] = optionsHeader(60, 0);
        }
        chain[chain.length - 1] = ports(1, 2, 0);
        parse(ipv6(60, A6, B6, 0, concat(chain)));
        assertTrue(facts.malformed());
    }

    @Test
    void extensionHeaderLongerThanThePacketIsMalformed() {
        byte[] rest = optionsHeader(59, 0);
        rest[1] = (byte) 200; // claims 1608 bytes
        parse(ipv6(0, A6, B6, 0, rest));
        assertTrue(facts.malformed());
    }

    @Test
    void malformedPacketsAreAllOneFlow() {
        Set<Integer> hashes = new HashSet<>();
        byte[][] bad = {
            new byte[0],
            new byte[] {0x45},
            Arrays.copyOf(udp4("10.0.0.2", 1, "10.0.0.1", 2, 10), 19), // shorter than the header
            Arrays.copyOf(udp4("10.0.0.2", 1, "10.0.0.1", 2, 10), 30), // total length beyond the bytes
            Arrays.copyOf(ipv4(UDP, "10.0.0.2", "10.0.0.1", 0, 0, new byte[0]), 20), // UDP without ports
            new byte[] {0x15, 0, 0, 0}, // version 1
            Arrays.copyOf(ipv6(UDP, A6, B6, 0, ports(1, 2, 0)), 39),
            ipv6(UDP, A6, B6, 0, new byte[3]), // ports do not fit
        };
        for (byte[] packet : bad) {
            parse(packet);
            assertTrue(facts.malformed(), () -> Arrays.toString(packet));
            assertEquals(0, facts.ipVersion());
            assertEquals(packet.length, facts.totalLength());
            assertEquals("malformed", facts.toString());
            hashes.add(facts.flowHash());
        }
        assertEquals(1, hashes.size());
    }

    @Test
    void ipv4HeaderLengthBelowTwentyIsMalformed() {
        byte[] packet = udp4("10.0.0.2", 1, "10.0.0.1", 2, 10);
        packet[0] = 0x44;
        assertTrue(parse(packet).malformed());
    }

    @Test
    void trailingBytesBeyondTheTotalLengthAreIgnored() {
        byte[] packet = Arrays.copyOf(udp4("10.0.0.2", 1, "10.0.0.1", 2, 10), 100);
        parse(packet);
        assertFalse(facts.malformed());
        assertEquals(38, facts.totalLength());
    }

    @Test
    void everyPortChangesTheHash() {
        Set<Integer> hashes = new HashSet<>();
        for (int port = 0; port < 65536; port++) {
            hashes.add(parse(udp4("10.0.0.2", port, "10.0.0.1", 5004, 0)).flowHash());
        }
        assertTrue(hashes.size() > 65000, "distinct hashes " + hashes.size());
    }

    @Test
    void theSeedChangesTheHash() {
        byte[] packet = udp4("10.0.0.2", 1, "10.0.0.1", 2, 0);
        int seven = parse(packet).flowHash();
        int other = new InnerPacketParser<>(PacketBytes.BYTE_ARRAY, 8).parse(packet, new PacketFacts()).flowHash();
        assertNotEquals(seven, other);
    }

    @Test
    void randomBytesNeverThrow() {
        Random random = new Random(1);
        for (int i = 0; i < 100_000; i++) {
            byte[] packet = new byte[random.nextInt(80)];
            random.nextBytes(packet);
            if (packet.length > 0 && random.nextBoolean()) {
                packet[0] = (byte) (random.nextBoolean() ? 0x45 : 0x60);
            }
            parse(packet);
        }
    }

    @Property(tries = 2000)
    void anyTruncationOfAGoodPacketParsesOrIsMalformed(@ForAll @Size(max = 120) byte[] tail, @ForAll boolean v6) {
        byte[] good = v6
                ? ipv6(0, A6, B6, 0, concat(optionsHeader(44, 0), fragmentHeader(UDP, 0, false), ports(1, 2, 0), tail))
                : udp4("10.0.0.2", 1, "10.0.0.1", 2, tail.length);
        for (int cut = 0; cut <= good.length; cut++) {
            PacketFacts cutFacts = parser.parse(Arrays.copyOf(good, cut), new PacketFacts());
            assertTrue(cutFacts.malformed() || cut == good.length, "cut " + cut);
        }
        assertFalse(parse(good).malformed());
    }
}
