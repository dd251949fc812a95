package dev.braid.core.testing;

import dev.braid.core.wire.Ipv6Address;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;

/**
 * Minimal IPv4/UDP, IPv6/UDP and TCP SYN packets for tunnel tests; the payload makes each UDP one
 * recognisable.
 */
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

    /**
     * An IPv4 TCP SYN whose options are {@code options} (padded with NOPs to a multiple of 4), with
     * both checksums right. Caller owns it.
     */
    public static ByteBuf tcpSyn(int src, int dst, byte... options) {
        int tcpLength = 20 + (options.length + 3) / 4 * 4;
        ByteBuf packet = Unpooled.buffer(20 + tcpLength);
        packet.writeByte(0x45).writeByte(0).writeShort(20 + tcpLength).writeShort(0).writeShort(0x4000)
                .writeByte(64).writeByte(6).writeShort(0).writeInt(src).writeInt(dst);
        packet.setShort(10, checksum(packet, 0, 20));
        writeSyn(packet, tcpLength, options);
        packet.setShort(20 + 16, tcpChecksum(packet));
        return packet;
    }

    /** An IPv6 TCP SYN, as {@link #tcpSyn}. Caller owns it. */
    public static ByteBuf tcpSyn6(Ipv6Address src, Ipv6Address dst, byte... options) {
        int tcpLength = 20 + (options.length + 3) / 4 * 4;
        ByteBuf packet = Unpooled.buffer(40 + tcpLength);
        packet.writeInt(0x6000_0000).writeShort(tcpLength).writeByte(6).writeByte(64)
                .writeLong(src.hi()).writeLong(src.lo()).writeLong(dst.hi()).writeLong(dst.lo());
        writeSyn(packet, tcpLength, options);
        packet.setShort(40 + 16, tcpChecksum(packet));
        return packet;
    }

    private static void writeSyn(ByteBuf packet, int tcpLength, byte[] options) {
        packet.writeShort(40000).writeShort(443).writeInt(1).writeInt(0)
                .writeByte(tcpLength / 4 << 4).writeByte(0x02).writeShort(64240).writeShort(0).writeShort(0)
                .writeBytes(options);
        while (packet.writerIndex() % 4 != 0) {
            packet.writeByte(1);
        }
    }

    /** The TCP checksum the packet should carry (pseudo-header included), computed from scratch. */
    public static int tcpChecksum(ByteBuf packet) {
        boolean v4 = (packet.getUnsignedByte(0) >>> 4) == 4;
        int tcp = v4 ? (packet.getUnsignedByte(0) & 0x0F) * 4 : 40;
        int length = packet.writerIndex() - tcp;
        ByteBuf pseudo = Unpooled.buffer();
        if (v4) {
            pseudo.writeBytes(packet, 12, 8).writeShort(6).writeShort(length);
        } else {
            pseudo.writeBytes(packet, 8, 32).writeInt(length).writeInt(6);
        }
        pseudo.writeBytes(packet, tcp, length);
        pseudo.setShort(pseudo.writerIndex() - length + 16, 0);
        if (pseudo.writerIndex() % 2 != 0) {
            pseudo.writeByte(0);
        }
        int sum = checksum(pseudo, 0, pseudo.writerIndex());
        pseudo.release();
        return sum;
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
