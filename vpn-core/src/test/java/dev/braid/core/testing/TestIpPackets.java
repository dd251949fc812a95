package dev.braid.core.testing;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;

/** Minimal IPv4/UDP packets for tunnel tests; the payload makes each one recognisable. */
public final class TestIpPackets {
    private TestIpPackets() {}

    /** An IPv4 UDP packet from {@code src} to {@code dst} carrying {@code payload}. Caller owns it. */
    public static ByteBuf udp(int src, int dst, byte[] payload) {
        int total = 20 + 8 + payload.length;
        ByteBuf packet = Unpooled.buffer(total);
        packet.writeByte(0x45).writeByte(0).writeShort(total).writeShort(0).writeShort(0x4000)
                .writeByte(64).writeByte(17).writeShort(0).writeInt(src).writeInt(dst);
        packet.setShort(10, checksum(packet, 0, 20));
        packet.writeShort(40000).writeShort(9).writeShort(8 + payload.length).writeShort(0).writeBytes(payload);
        return packet;
    }

    private static int checksum(ByteBuf buf, int from, int length) {
        int sum = 0;
        for (int i = from; i < from + length; i += 2) {
            sum += buf.getUnsignedShort(i);
        }
        while (sum >>> 16 != 0) {
            sum = (sum & 0xffff) + (sum >>> 16);
        }
        return ~sum & 0xffff;
    }
}
