package dev.braid.natprobe.protocol;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.braid.core.wire.DropReason;
import dev.braid.core.wire.MalformedPacketException;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.util.HexFormat;
import java.util.function.Consumer;
import java.util.stream.Stream;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class NatProbeCodecTest {

    @Test
    void probeRoundTripsAndIsPaddedToTheLargestReply() {
        ByteBuffer buf = ByteBuffer.allocate(NatProbeCodec.PROBE_LENGTH);
        NatProbeCodec.encodeProbe(new Probe(0xffff_ffffL, -5L), buf);
        assertFalse(buf.hasRemaining());
        buf.flip();
        assertEquals(new Probe(0xffff_ffffL, -5L), NatProbeCodec.decodeProbe(buf));
        assertEquals(NatProbeCodec.REPLY_IPV6_LENGTH, NatProbeCodec.PROBE_LENGTH);
    }

    @Test
    void probeWithLongerPaddingIsAcceptedAndConsumed() {
        ByteBuffer buf = ByteBuffer.allocate(64);
        NatProbeCodec.encodeProbe(new Probe(7, 9), buf);
        buf.position(0).limit(64);
        assertEquals(new Probe(7, 9), NatProbeCodec.decodeProbe(buf));
        assertFalse(buf.hasRemaining());
    }

    @Test
    void probeLayoutIsBigEndianSeqThenTimestamp() {
        ByteBuffer buf = ByteBuffer.allocate(NatProbeCodec.PROBE_LENGTH);
        NatProbeCodec.encodeProbe(new Probe(0x01020304L, 0x1112131415161718L), buf);
        assertEquals("010203041112131415161718" + "00".repeat(19), HexFormat.of().formatHex(buf.array()));
    }

    @Test
    void ipv4ReplyRoundTripsIn19Bytes() throws Exception {
        ProbeReply reply = new ProbeReply(42, 123_456_789L,
                new InetSocketAddress(InetAddress.getByName("198.51.100.7"), 40001));
        ByteBuffer buf = encode(reply);
        assertEquals(19, buf.remaining());
        assertEquals("0000002a00000000075bcd15" + "04" + "9c41" + "c6336407", HexFormat.of().formatHex(buf.array()));
        assertEquals(reply, NatProbeCodec.decodeReply(buf));
    }

    @Test
    void ipv6ReplyRoundTripsIn31BytesAndKeepsMappedAddressesIpv6() throws Exception {
        byte[] mapped = new byte[16];
        mapped[10] = (byte) 0xff;
        mapped[11] = (byte) 0xff;
        mapped[12] = 127;
        mapped[15] = 1;
        ProbeReply reply = new ProbeReply(1, 2, new InetSocketAddress(Inet6Address.getByAddress(null, mapped, -1), 65535));
        ByteBuffer buf = encode(reply);
        assertEquals(31, buf.remaining());
        ProbeReply decoded = NatProbeCodec.decodeReply(buf);
        assertTrue(decoded.observed().getAddress() instanceof Inet6Address);
        assertEquals(reply, decoded);
    }

    /** Numbered malformed bodies: each is rejected with MALFORMED_BODY and says why. */
    static Stream<Arguments> malformed() {
        Consumer<ByteBuffer> probe = NatProbeCodec::decodeProbe;
        Consumer<ByteBuffer> reply = NatProbeCodec::decodeReply;
        String seqTx = "000000010000000000000002";
        return Stream.of(
                Arguments.of(1, "empty probe", probe, "", "needs at least 31"),
                Arguments.of(2, "probe one byte short", probe, "00".repeat(30), "needs at least 31"),
                Arguments.of(3, "empty reply", reply, "", "needs at least 15"),
                Arguments.of(4, "reply without port", reply, seqTx + "04", "needs at least 15"),
                Arguments.of(5, "reply with family 5", reply, seqTx + "05" + "0050" + "7f000001", "unknown address family 5"),
                Arguments.of(6, "reply family 4, 16 address bytes", reply, seqTx + "04" + "0050" + "00".repeat(16), "needs 4 address bytes, has 16"),
                Arguments.of(7, "reply family 6, 4 address bytes", reply, seqTx + "06" + "0050" + "7f000001", "needs 16 address bytes, has 4"),
                Arguments.of(8, "reply family 4, trailing byte", reply, seqTx + "04" + "0050" + "7f000001" + "00", "needs 4 address bytes, has 5"),
                Arguments.of(9, "reply family 4, no address", reply, seqTx + "04" + "0050", "needs 4 address bytes, has 0"));
    }

    @ParameterizedTest(name = "{0}: {1}")
    @MethodSource("malformed")
    void malformedBodiesAreRejected(int number, String what, Consumer<ByteBuffer> decoder, String hex, String why) {
        ByteBuffer in = ByteBuffer.wrap(HexFormat.of().parseHex(hex));
        MalformedPacketException e = assertThrows(MalformedPacketException.class, () -> decoder.accept(in));
        assertEquals(DropReason.MALFORMED_BODY, e.reason());
        assertTrue(e.getMessage().contains(why), () -> "#" + number + ": " + e.getMessage());
    }

    /** No amplification: every reply, v4 or v6, fits in the smallest valid probe. */
    @Property
    void replyNeverExceedsProbe(@ForAll @Size(min = 4, max = 4) byte[] v4, @ForAll @Size(min = 16, max = 16) byte[] v6,
                                @ForAll @IntRange(min = 0, max = 65535) int port, @ForAll boolean useV6) throws Exception {
        InetAddress address = useV6 ? Inet6Address.getByAddress(null, v6, -1) : InetAddress.getByAddress(v4);
        Probe probe = new Probe(port, port * 3L);
        ProbeReply reply = ProbeResponder.answer(probe, NatProbeCodec.PROBE_LENGTH, new InetSocketAddress(address, port)).orElseThrow();
        ByteBuffer encoded = encode(reply);
        assertTrue(encoded.remaining() <= NatProbeCodec.PROBE_LENGTH);
        assertEquals(reply, NatProbeCodec.decodeReply(encoded));
    }

    private static ByteBuffer encode(ProbeReply reply) {
        ByteBuffer buf = ByteBuffer.allocate(NatProbeCodec.replyLength(reply));
        NatProbeCodec.encodeReply(reply, buf);
        assertFalse(buf.hasRemaining());
        return buf.flip();
    }
}
