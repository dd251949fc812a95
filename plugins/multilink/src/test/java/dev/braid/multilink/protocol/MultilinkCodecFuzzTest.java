package dev.braid.multilink.protocol;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import dev.braid.core.testing.FuzzBytes;
import java.nio.ByteBuffer;
import java.util.Arrays;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/**
 * Fuzz of multilink's wire messages, the per-link ack (CONTROL 0x20) and the 16-byte data
 * header: any bytes decode or fail with {@link MalformedMessageException}, a decoded message
 * re-encodes to the bytes it came from, and valid messages round-trip.
 */
class MultilinkCodecFuzzTest {

    @Property
    void anyAckBodyDecodesToItsOwnBytesOrIsMalformed(@ForAll("ackBodies") byte[] body) {
        ByteBuffer in = ByteBuffer.wrap(body);
        FuzzBytes.assertBoundedAllocation(body.length, () -> {
            AckMessage ack;
            try {
                ack = AckMessage.decode(in);
            } catch (MalformedMessageException e) {
                assertFalse(e.getMessage().isBlank());
                return;
            }
            assertEquals(ack.encodedSize(), in.position());
            byte[] expected = Arrays.copyOf(body, ack.encodedSize());
            expected[1] = 0; // flags: ignored on receipt, sent as 0
            assertArrayEquals(expected, encode(ack));
        });
    }

    @Property
    void validAcksRoundTrip(@ForAll("acks") AckMessage ack) {
        ByteBuffer in = ByteBuffer.wrap(encode(ack));
        assertEquals(ack, AckMessage.decode(in));
        assertEquals(0, in.remaining());
    }

    @Property
    void anyDataHeaderBytesDecodeOrAreMalformed(@ForAll("headerBytes") byte[] bytes) {
        ByteBuffer in = ByteBuffer.wrap(bytes);
        DataHeader header;
        try {
            header = DataHeader.decode(in);
        } catch (MalformedMessageException e) {
            assertEquals(0, in.position(), "nothing read from a short buffer");
            return;
        }
        ByteBuffer out = ByteBuffer.allocate(DataHeader.SIZE);
        header.encode(out);
        byte[] expected = Arrays.copyOf(bytes, DataHeader.SIZE);
        expected[DataHeader.SIZE - 1] = 0; // reserved: ignored on receipt, sent as 0
        assertArrayEquals(expected, out.array());
    }

    @Property
    void dataHeadersRoundTrip(@ForAll("headers") DataHeader header) {
        ByteBuffer out = ByteBuffer.allocate(DataHeader.SIZE);
        header.encode(out);
        assertEquals(header, DataHeader.decode(out.flip()));
    }

    /**
     * Inner packets come from the local TUN, not the network, but any local program writes them:
     * the parser reads only within the packet (a byte[] read beyond it throws) and gives the same
     * flow for the same bytes.
     */
    @Property
    void anyInnerPacketGivesFactsWithoutReadingBeyondIt(@ForAll("innerPackets") byte[] packet) {
        PacketFacts facts = PARSER.parse(packet, new PacketFacts());
        PacketFacts again = PARSER.parse(packet.clone(), new PacketFacts());
        assertEquals(facts.malformed(), again.malformed());
        assertEquals(facts.flowHash, again.flowHash);
    }

    @Provide
    Arbitrary<byte[]> innerPackets() {
        Arbitrary<Integer> protocol = Arbitraries.of(InnerPackets.TCP, InnerPackets.UDP, InnerPackets.ICMP, 0, 255);
        Arbitrary<Integer> port = Arbitraries.integers().between(0, 0xffff);
        Arbitrary<byte[]> v4 = Combinators.combine(protocol, port, port, Arbitraries.integers().between(0, 63),
                        Arbitraries.integers().between(0, 200))
                .as((p, src, dst, dscp, size) -> InnerPackets.ipv4(p, "10.0.0.2", src, "192.0.2.1", dst, dscp, size));
        Arbitrary<byte[]> v6 = Combinators.combine(Arbitraries.of(InnerPackets.TCP, InnerPackets.UDP,
                        InnerPackets.ICMPV6, 0, 43, 44, 60), port, port, Arbitraries.integers().between(0, 8))
                .as((next, src, dst, options) -> InnerPackets.ipv6(options == 0 ? next : 0, "fd00::2", "2001:db8::1", 0,
                        options == 0 ? InnerPackets.ports(src, dst, 20)
                                : concat(InnerPackets.optionsHeader(next, options), InnerPackets.ports(src, dst, 20))));
        return FuzzBytes.around(Arbitraries.oneOf(v4, v6), 80);
    }

    private static final InnerPacketParser<byte[]> PARSER = new InnerPacketParser<>(PacketBytes.BYTE_ARRAY, 42);

    private static byte[] concat(byte[] a, byte[] b) {
        byte[] out = Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
    }

    @Provide
    Arbitrary<byte[]> ackBodies() {
        return FuzzBytes.around(acks().map(MultilinkCodecFuzzTest::encode), 80);
    }

    @Provide
    Arbitrary<byte[]> headerBytes() {
        return FuzzBytes.around(headers().map(h -> {
            ByteBuffer out = ByteBuffer.allocate(DataHeader.SIZE);
            h.encode(out);
            return out.array();
        }), 24);
    }

    /** Acks with a valid vector of random runs; shared with the adapter's fuzz. */
    @Provide
    static Arbitrary<AckMessage> acks() {
        Arbitrary<Byte> run = Combinators.combine(
                        Arbitraries.of(AckMessage.STATE_RECEIVED, AckMessage.STATE_ECN_MARKED, AckMessage.STATE_NOT_RECEIVED),
                        Arbitraries.integers().between(0, AckMessage.MAX_RUN_LENGTH))
                .as((state, length) -> (byte) (state | length));
        Arbitrary<byte[]> vector = Combinators.combine(Arbitraries.integers().between(0, AckMessage.MAX_RUN_LENGTH),
                        run.list().ofMaxSize(40))
                .as((first, rest) -> {
                    byte[] out = new byte[rest.size() + 1];
                    out[0] = first.byteValue();
                    for (int i = 0; i < rest.size(); i++) {
                        out[i + 1] = rest.get(i);
                    }
                    return out;
                });
        return Combinators.combine(Arbitraries.integers(), Arbitraries.integers(), Arbitraries.integers(),
                Arbitraries.integers(), vector).as(AckMessage::new);
    }

    @Provide
    static Arbitrary<DataHeader> headers() {
        return Combinators.combine(Arbitraries.integers(), Arbitraries.integers(), Arbitraries.integers(),
                Arbitraries.integers().between(0, DataHeader.MAX_FLOW_DELTA), Arbitraries.integers().between(0, 255))
                .as(DataHeader::new);
    }

    static byte[] encode(AckMessage ack) {
        ByteBuffer out = ByteBuffer.allocate(ack.encodedSize());
        ack.encode(out);
        return out.array();
    }
}
