package dev.braid.multilink.protocol;

import static dev.braid.multilink.protocol.InnerPackets.UDP;
import static dev.braid.multilink.protocol.InnerPackets.authHeader;
import static dev.braid.multilink.protocol.InnerPackets.concat;
import static dev.braid.multilink.protocol.InnerPackets.fragmentHeader;
import static dev.braid.multilink.protocol.InnerPackets.ipv6;
import static dev.braid.multilink.protocol.InnerPackets.optionsHeader;
import static dev.braid.multilink.protocol.InnerPackets.ports;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;

/**
 * IPv6 extension-header chains built from a model (hop-by-hop, routing, destination options,
 * AH, atomic fragment; any length, any number) before a UDP header: the flow key is the packet's
 * 5-tuple whatever chain precedes it, a chain beyond the bound is malformed, and no corruption of
 * any byte or truncation makes the parser throw.
 */
class Ipv6ExtensionChainPropertiesTest {
    private static final String SRC = "2001:db8::1";
    private static final String DST = "fd00:77::2";

    private final InnerPacketParser<byte[]> parser = new InnerPacketParser<>(PacketBytes.BYTE_ARRAY, 11);
    private final PacketFacts facts = new PacketFacts();

    /** One extension header of the model: its next-header code (what points at it) and its length field. */
    record Extension(int code, int lengthField) {}

    @Provide
    Arbitrary<List<Extension>> chains() {
        Arbitrary<Extension> one = Combinators.combine(Arbitraries.of(0, 43, 60, 51, 44), Arbitraries.integers()
                .between(0, 6)).as(Extension::new);
        return one.list().ofMaxSize(InnerPacketParser.MAX_EXTENSION_HEADERS + 4);
    }

    /** The packet: the chain in order, each header naming the next, the last naming UDP. */
    private static byte[] packet(List<Extension> chain, int srcPort, int dstPort) {
        List<byte[]> parts = new ArrayList<>();
        for (int i = 0; i < chain.size(); i++) {
            int next = i + 1 < chain.size() ? chain.get(i + 1).code() : UDP;
            Extension e = chain.get(i);
            parts.add(switch (e.code()) {
                case 51 -> authHeader(next, e.lengthField());
                case 44 -> fragmentHeader(next, 0, false); // atomic: a whole datagram, parsed on
                default -> optionsHeader(next, e.lengthField());
            });
        }
        parts.add(ports(srcPort, dstPort, 12));
        int first = chain.isEmpty() ? UDP : chain.get(0).code();
        return ipv6(first, SRC, DST, 0, concat(parts.toArray(byte[][]::new)));
    }

    @Property(tries = 1000)
    void theFlowKeyIsTheFiveTupleWhateverChainPrecedesIt(@ForAll("chains") List<Extension> chain,
            @ForAll @IntRange(max = 65535) int srcPort, @ForAll @IntRange(max = 65535) int dstPort) {
        int bare = parser.parse(packet(List.of(), srcPort, dstPort), facts).flowHash();
        parser.parse(packet(chain, srcPort, dstPort), facts);
        if (chain.size() > InnerPacketParser.MAX_EXTENSION_HEADERS) {
            assertTrue(facts.malformed(), "a chain of " + chain.size() + " headers is beyond the bound");
            return;
        }
        assertFalse(facts.malformed(), chain.toString());
        assertEquals(UDP, facts.protocol());
        assertTrue(facts.hasPorts());
        assertEquals(srcPort, facts.srcPort());
        assertEquals(dstPort, facts.dstPort());
        assertEquals(bare, facts.flowHash(), "extension headers do not change the flow");
    }

    @Property(tries = 2000)
    void anyCorruptedByteOrTruncationParsesOrIsMalformedNeverThrows(@ForAll("chains") List<Extension> chain,
            @ForAll @IntRange(max = 10_000) int where, @ForAll byte value, @ForAll @IntRange(max = 10_000) int cut) {
        byte[] good = packet(chain, 1234, 5678);
        byte[] bad = java.util.Arrays.copyOf(good, Math.max(1, good.length - cut % good.length));
        bad[where % bad.length] = value;
        PacketFacts parsed = parser.parse(bad, facts);
        assertTrue(parsed.malformed() || parsed.ipVersion() == 4 || parsed.ipVersion() == 6);
        if (parsed.malformed()) {
            assertEquals(0, parsed.ipVersion());
            assertFalse(parsed.hasPorts());
        } else {
            assertTrue(parsed.totalLength() <= bad.length, "never claims bytes it does not have");
        }
    }
}
