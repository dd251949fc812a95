package dev.braid.core.testing;

import dev.braid.core.wire.Ipv6Address;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;

/** Minimal IPv4/UDP and IPv6/UDP packets for tunnel tests; the payload makes each one recognisable. */
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

    /** An IPv6 UDP packet (checksum left 0: nothing on the tunnel path checks it). Caller owns it. */
    public static ByteBuf udp6(Ipv6Address src, Ipv6Address dst, byte[] payload) {
        ByteBuf packet = Unpooled.buffer(40 + 8 + payload.length);
        packet.writeInt(0x6000_0000).writeShort(8 + payload.length).writeByte(17).writeByte(64)
                .writeLong(src.hi()).writeLong(src.lo()).writeLong(dst.hi()).writeLong(dst.lo());
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
