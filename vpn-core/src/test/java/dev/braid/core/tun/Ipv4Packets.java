package dev.braid.core.tun;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.UnknownHostException;

/** Just enough IPv4/ICMP/UDP for the TUN tests: parse headers, answer an echo or a datagram. */
final class Ipv4Packets {
    static final int ICMP = 1;
    static final int UDP = 17;

    private Ipv4Packets() {}

    static boolean isIpv4(ByteBuf p) {
        return p.readableBytes() >= 20 && (p.getUnsignedByte(p.readerIndex()) >> 4) == 4;
    }

    static int headerLength(ByteBuf p) {
        return (p.getUnsignedByte(p.readerIndex()) & 0x0f) * 4;
    }

    static int protocol(ByteBuf p) {
        return p.getUnsignedByte(p.readerIndex() + 9);
    }

    static Inet4Address source(ByteBuf p) {
        return address(p, 12);
    }

    static Inet4Address destination(ByteBuf p) {
        return address(p, 16);
    }

    static int icmpType(ByteBuf p) {
        return p.getUnsignedByte(p.readerIndex() + headerLength(p));
    }

    /** An ICMP echo reply to {@code request} (swapped addresses, type 0, both checksums fixed). */
    static ByteBuf echoReplyTo(ByteBuf request) {
        ByteBuf reply = swappedCopy(request);
        int ihl = headerLength(reply);
        reply.setByte(ihl, 0); // type: echo reply
        reply.setShort(ihl + 2, 0);
        reply.setShort(ihl + 2, checksum(reply, ihl, reply.readableBytes() - ihl));
        return reply;
    }

    /** A UDP reply to {@code request} carrying {@code payload}, ports swapped, no UDP checksum. */
    static ByteBuf udpReplyTo(ByteBuf request, byte[] payload) {
        int ihl = headerLength(request);
        int srcPort = request.getUnsignedShort(request.readerIndex() + ihl);
        int dstPort = request.getUnsignedShort(request.readerIndex() + ihl + 2);
        ByteBuf reply = Unpooled.buffer(20 + 8 + payload.length);
        reply.writeByte(0x45).writeByte(0).writeShort(20 + 8 + payload.length)
                .writeShort(0).writeShort(0x4000).writeByte(64).writeByte(UDP).writeShort(0)
                .writeBytes(destination(request).getAddress()).writeBytes(source(request).getAddress());
        reply.writeShort(dstPort).writeShort(srcPort).writeShort(8 + payload.length).writeShort(0);
        reply.writeBytes(payload);
        reply.setShort(10, checksum(reply, 0, 20));
        return reply;
    }

    static byte[] udpPayload(ByteBuf p) {
        int start = p.readerIndex() + headerLength(p) + 8;
        byte[] out = new byte[p.writerIndex() - start];
        p.getBytes(start, out);
        return out;
    }

    private static ByteBuf swappedCopy(ByteBuf request) {
        ByteBuf reply = Unpooled.buffer(request.readableBytes());
        reply.writeBytes(request, request.readerIndex(), request.readableBytes());
        byte[] src = source(request).getAddress();
        byte[] dst = destination(request).getAddress();
        reply.setBytes(12, dst).setBytes(16, src);
        reply.setByte(8, 64); // TTL
        reply.setShort(10, 0);
        reply.setShort(10, checksum(reply, 0, headerLength(reply)));
        return reply;
    }

    /** The RFC 1071 Internet checksum of {@code length} bytes at {@code offset}. */
    static int checksum(ByteBuf b, int offset, int length) {
        long sum = 0;
        int i = offset;
        for (; i + 1 < offset + length; i += 2) {
            sum += b.getUnsignedShort(i);
        }
        if (i < offset + length) {
            sum += b.getUnsignedByte(i) << 8;
        }
        while ((sum >> 16) != 0) {
            sum = (sum & 0xffff) + (sum >> 16);
        }
        return (int) (~sum & 0xffff);
    }

    private static Inet4Address address(ByteBuf p, int offset) {
        byte[] a = new byte[4];
        p.getBytes(p.readerIndex() + offset, a);
        try {
            return (Inet4Address) InetAddress.getByAddress(a);
        } catch (UnknownHostException e) {
            throw new AssertionError(e);
        }
    }
}
