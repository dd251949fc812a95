package dev.braid.core.wire;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.braid.core.testing.TestIpPackets;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;

/**
 * Fuzz of the MSS clamp, which reads every packet the TUN gives: any bytes are read without an
 * exception and changed only where a SYN's MSS is (and its checksum); a SYN with any options keeps
 * a right checksum.
 */
class TcpMssClampFuzzTest {
    private final TcpMssClamp clamp = new TcpMssClamp(1280);

    @Property
    void anyBytesAreReadSafelyAndLeftAloneUnlessClamped(@ForAll("packets") byte[] packet) {
        ByteBuf buf = Unpooled.copiedBuffer(packet);
        try {
            if (!clamp.apply(buf)) {
                assertArrayEquals(packet, ByteBufUtil.getBytes(buf));
            }
            assertEquals(0, buf.readerIndex());
        } finally {
            buf.release();
        }
    }

    @Property
    void aClampedSynKeepsARightChecksum(@ForAll @Size(max = 40) byte[] options, @ForAll @IntRange(min = 0, max = 39) int at,
            @ForAll @IntRange(min = 0, max = 65535) int mss, @ForAll boolean v6) {
        byte[] withMss = options.clone();
        if (at + 4 <= withMss.length) {
            withMss[at] = 2;
            withMss[at + 1] = 4;
            withMss[at + 2] = (byte) (mss >>> 8);
            withMss[at + 3] = (byte) mss;
        }
        ByteBuf syn = v6 ? TestIpPackets.tcpSyn6(new Ipv6Address(0xfd00L << 48, 2), new Ipv6Address(0xfd00L << 48, 9), withMss)
                : TestIpPackets.tcpSyn(Ipv4.parse("10.0.0.2"), Ipv4.parse("10.0.0.9"), withMss);
        try {
            clamp.apply(syn);
            int tcp = v6 ? 40 : 20;
            assertEquals(TestIpPackets.tcpChecksum(syn), syn.getUnsignedShort(tcp + 16));
        } finally {
            syn.release();
        }
    }

    @Provide
    Arbitrary<byte[]> packets() {
        Arbitrary<byte[]> raw = Arbitraries.bytes().array(byte[].class).ofMaxSize(120);
        Arbitrary<byte[]> tcpLike = raw.map(b -> {
            if (b.length > 40) {
                b[0] = (byte) ((b[0] & 1) == 0 ? 0x45 : 0x60);
                b[9] = 6;
                b[6] = (byte) (b[0] == 0x60 ? 6 : 0);
                b[7] = 0;
            }
            return b;
        });
        return Arbitraries.oneOf(raw, tcpLike);
    }
}
