package dev.braid.core.wire;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.braid.core.testing.TestIpPackets;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** A tunnel MTU of 1400: MSS at most 1360 over IPv4, 1340 over IPv6. */
class TcpMssClampTest {
    private static final int SRC = Ipv4.parse("10.0.0.2");
    private static final int DST = Ipv4.parse("192.0.2.9");
    private static final Ipv6Address SRC6 = new Ipv6Address(0xfd00_0000_0000_0000L, 2);
    private static final Ipv6Address DST6 = new Ipv6Address(0x2001_0db8_0000_0000L, 9);
    /** MSS 1460, SACK permitted, timestamps, NOP, window scale: Linux's SYN. */
    private static final byte[] LINUX_OPTIONS = {2, 4, 0x05, (byte) 0xb4, 4, 2, 8, 10, 0, 0, 0, 1, 0, 0, 0, 0, 1, 3, 3, 7};

    private final TcpMssClamp clamp = new TcpMssClamp(1400);

    private static int mss(ByteBuf packet, int tcp) {
        return packet.getUnsignedShort(tcp + 22);
    }

    @Test
    void aSynOverIpv4IsClampedWithItsChecksumStillRight() {
        ByteBuf syn = TestIpPackets.tcpSyn(SRC, DST, LINUX_OPTIONS);
        assertTrue(clamp.apply(syn));
        assertEquals(1360, mss(syn, 20));
        assertEquals(TestIpPackets.tcpChecksum(syn), syn.getUnsignedShort(20 + 16));
        syn.release();
    }

    @Test
    void aSynOverIpv6IsClampedToItsLargerHeader() {
        ByteBuf syn = TestIpPackets.tcpSyn6(SRC6, DST6, LINUX_OPTIONS);
        assertTrue(clamp.apply(syn));
        assertEquals(1340, mss(syn, 40));
        assertEquals(TestIpPackets.tcpChecksum(syn), syn.getUnsignedShort(40 + 16));
        syn.release();
    }

    @Test
    void anMssAfterOtherOptionsIsFound() {
        ByteBuf syn = TestIpPackets.tcpSyn(SRC, DST, (byte) 1, (byte) 1, (byte) 4, (byte) 2, (byte) 2, (byte) 4, (byte) 0x23,
                (byte) 0x28);
        assertTrue(clamp.apply(syn));
        assertEquals(1360, syn.getUnsignedShort(20 + 26));
        assertEquals(TestIpPackets.tcpChecksum(syn), syn.getUnsignedShort(20 + 16));
        syn.release();
    }

    /** After an odd number of NOPs the MSS straddles two of the checksum's 16-bit words (found by the fuzz). */
    @Test
    void anMssAtAnOddOffsetKeepsItsChecksumRight() {
        ByteBuf syn = TestIpPackets.tcpSyn6(SRC6, DST6, (byte) 1, (byte) 2, (byte) 4, (byte) 0x05, (byte) 0xb4);
        assertTrue(clamp.apply(syn));
        assertEquals(1340, syn.getUnsignedShort(40 + 23));
        assertEquals(TestIpPackets.tcpChecksum(syn), syn.getUnsignedShort(40 + 16));
        syn.release();
    }

    @ParameterizedTest(name = "MSS {0}")
    @ValueSource(ints = {536, 1360})
    void aSmallEnoughMssIsLeftAlone(int mss) {
        ByteBuf syn = TestIpPackets.tcpSyn(SRC, DST, (byte) 2, (byte) 4, (byte) (mss >>> 8), (byte) mss);
        int checksum = syn.getUnsignedShort(36);
        assertFalse(clamp.apply(syn));
        assertEquals(mss, mss(syn, 20));
        assertEquals(checksum, syn.getUnsignedShort(36));
        syn.release();
    }

    @Test
    void aSegmentThatIsNotASynIsLeftAlone() {
        ByteBuf segment = TestIpPackets.tcpSyn(SRC, DST, LINUX_OPTIONS);
        segment.setByte(20 + 13, 0x10); // ACK only
        assertFalse(clamp.apply(segment));
        assertEquals(1460, mss(segment, 20));
        segment.release();
    }

    @Test
    void aLaterFragmentIsLeftAlone() {
        ByteBuf fragment = TestIpPackets.tcpSyn(SRC, DST, LINUX_OPTIONS);
        fragment.setShort(6, 0x0010); // fragment offset 16: its bytes are not a TCP header
        assertFalse(clamp.apply(fragment));
        assertEquals(1460, mss(fragment, 20));
        fragment.release();
    }

    @Test
    void udpAndTruncatedOrMalformedOptionsAreLeftAlone() {
        ByteBuf udp = TestIpPackets.udp(SRC, DST, new byte[40]);
        assertFalse(clamp.apply(udp));
        udp.release();
        ByteBuf zeroLength = TestIpPackets.tcpSyn(SRC, DST, (byte) 8, (byte) 0, (byte) 2, (byte) 4, (byte) 5, (byte) 0xb4);
        assertFalse(clamp.apply(zeroLength), "an option of length 0 ends the walk");
        zeroLength.release();
        ByteBuf syn = TestIpPackets.tcpSyn(SRC, DST, LINUX_OPTIONS);
        ByteBuf truncated = syn.copy(0, 20 + 22);
        assertFalse(clamp.apply(truncated), "the MSS value is cut off");
        syn.release();
        truncated.release();
        ByteBuf tiny = Unpooled.wrappedBuffer(new byte[] {0x45, 0, 0, 20});
        assertFalse(clamp.apply(tiny));
        tiny.release();
    }
}
