package dev.braid.testbed.bench.sessions;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;

/**
 * The active sessions' traffic: ICMP echo requests of a fixed size to the proxy's own tunnel
 * address, which the proxy host's kernel answers through the tunnel, so every reply proves one
 * round trip through the proxy.
 */
final class EchoPackets {
    static final int IP_HEADER = 20;
    static final int ICMP_HEADER = 8;
    static final int MIN_SIZE = IP_HEADER + ICMP_HEADER;
    private static final int TTL = 64;
    private static final int ICMP = 1;
    private static final int ECHO_REQUEST = 8;

    private EchoPackets() {}

    /** An echo request of exactly {@code size} bytes; the caller owns the buffer. */
    static ByteBuf request(ByteBufAllocator alloc, int source, int destination, int id, int seq, int size) {
        if (size < MIN_SIZE || size > 65_535) {
            throw new IllegalArgumentException("packet size must be in [" + MIN_SIZE + ", 65535], got " + size);
        }
        ByteBuf packet = alloc.buffer(size, size);
        packet.writeByte(0x45).writeByte(0).writeShort(size)
                .writeShort(seq).writeShort(0x4000) // identification, don't fragment
                .writeByte(TTL).writeByte(ICMP).writeShort(0)
                .writeInt(source).writeInt(destination);
        packet.setShort(10, checksum(packet, 0, IP_HEADER));
        packet.writeByte(ECHO_REQUEST).writeByte(0).writeShort(0).writeShort(id).writeShort(seq);
        packet.writeZero(size - MIN_SIZE);
        packet.setShort(IP_HEADER + 2, checksum(packet, IP_HEADER, size - IP_HEADER));
        return packet;
    }

    /** The Internet checksum (RFC 1071) of {@code length} bytes from {@code offset}. */
    static int checksum(ByteBuf packet, int offset, int length) {
        long sum = 0;
        for (int i = 0; i + 1 < length; i += 2) {
            sum += packet.getUnsignedShort(offset + i);
        }
        if ((length & 1) != 0) {
            sum += packet.getUnsignedByte(offset + length - 1) << 8;
        }
        while ((sum >> 16) != 0) {
            sum = (sum & 0xffff) + (sum >> 16);
        }
        return (int) (~sum & 0xffff);
    }
}
