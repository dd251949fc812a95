package dev.braid.natprobe.protocol;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;

import dev.braid.core.testing.FuzzBytes;
import dev.braid.core.wire.DropReason;
import dev.braid.core.wire.MalformedPacketException;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.nio.ByteBuffer;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/**
 * Fuzz of the nat-probe bodies (PROBE, PROBE_REPLY): any bytes decode or fail with a
 * MALFORMED_BODY {@link MalformedPacketException}, and valid messages, IPv4 and IPv6 (also
 * IPv4-mapped, which must stay IPv6), round-trip.
 */
public class NatProbeCodecFuzzTest {

    @Property
    void anyBodyDecodesOrIsMalformed(@ForAll("bodies") byte[] body) {
        FuzzBytes.assertBoundedAllocation(body.length, () -> {
            for (int decoder = 0; decoder < 2; decoder++) {
                ByteBuffer in = ByteBuffer.wrap(body);
                try {
                    assertNotNull(decoder == 0 ? NatProbeCodec.decodeProbe(in) : NatProbeCodec.decodeReply(in));
                    assertEquals(0, in.remaining(), "a decoded body is read to its end");
                } catch (MalformedPacketException e) {
                    assertEquals(DropReason.MALFORMED_BODY, e.reason());
                }
            }
        });
    }

    @Property
    void probesRoundTrip(@ForAll("probes") Probe probe) {
        ByteBuffer out = ByteBuffer.allocate(NatProbeCodec.PROBE_LENGTH);
        NatProbeCodec.encodeProbe(probe, out);
        assertEquals(probe, NatProbeCodec.decodeProbe(out.flip()));
    }

    @Property
    void repliesRoundTrip(@ForAll("replies") ProbeReply reply) {
        ByteBuffer out = ByteBuffer.allocate(NatProbeCodec.replyLength(reply));
        NatProbeCodec.encodeReply(reply, out);
        assertEquals(0, out.remaining());
        ProbeReply back = NatProbeCodec.decodeReply(out.flip());
        assertEquals(reply, back);
        assertEquals(reply.observed().getAddress().getClass(), back.observed().getAddress().getClass());
    }

    @Provide
    Arbitrary<byte[]> bodies() {
        Arbitrary<byte[]> probes = probes().map(p -> {
            ByteBuffer out = ByteBuffer.allocate(NatProbeCodec.PROBE_LENGTH);
            NatProbeCodec.encodeProbe(p, out);
            return out.array();
        });
        Arbitrary<byte[]> replies = replies().map(r -> {
            ByteBuffer out = ByteBuffer.allocate(NatProbeCodec.replyLength(r));
            NatProbeCodec.encodeReply(r, out);
            return out.array();
        });
        return FuzzBytes.around(Arbitraries.oneOf(probes, replies), 48);
    }

    /** Shared with the extension's fuzz. */
    @Provide
    public static Arbitrary<Probe> probes() {
        return Combinators.combine(Arbitraries.longs().between(0, 0xffff_ffffL), Arbitraries.longs()).as(Probe::new);
    }

    @Provide
    public static Arbitrary<ProbeReply> replies() {
        Arbitrary<InetAddress> v4 = Arbitraries.bytes().array(byte[].class).ofSize(4).map(NatProbeCodecFuzzTest::address);
        Arbitrary<InetAddress> v6 = Arbitraries.bytes().array(byte[].class).ofSize(16).map(raw -> {
            try {
                return Inet6Address.getByAddress(null, raw, -1);
            } catch (UnknownHostException e) {
                throw new AssertionError(e);
            }
        });
        Arbitrary<InetAddress> mapped = Arbitraries.bytes().array(byte[].class).ofSize(4).map(raw -> {
            byte[] full = new byte[16];
            full[10] = (byte) 0xff;
            full[11] = (byte) 0xff;
            System.arraycopy(raw, 0, full, 12, 4);
            try {
                return Inet6Address.getByAddress(null, full, -1);
            } catch (UnknownHostException e) {
                throw new AssertionError(e);
            }
        });
        return Combinators.combine(Arbitraries.longs().between(0, 0xffff_ffffL), Arbitraries.longs(),
                        Arbitraries.oneOf(v4, v6, mapped), Arbitraries.integers().between(0, 0xffff))
                .as((seq, tx, address, port) -> new ProbeReply(seq, tx, new InetSocketAddress(address, port)));
    }

    private static InetAddress address(byte[] raw) {
        try {
            return InetAddress.getByAddress(raw);
        } catch (UnknownHostException e) {
            throw new AssertionError(e);
        }
    }
}
