package dev.braid.testbed.demo;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;

/**
 * The demo's inner packets: IPv4/UDP datagrams whose payload starts with a 64-bit sequence
 * number, so the receiving end can tell unique, duplicate and out-of-order deliveries apart, and
 * the send time on the demo's clock, so it can tell each packet's one-way delay (both ends share
 * the process and its clock). Both ports are the stream's port, which tells streams apart.
 */
final class CbrPackets {
    static final int IP_HEADER = 20;
    static final int UDP_HEADER = 8;
    static final int SEQ_OFFSET = IP_HEADER + UDP_HEADER;
    static final int STAMP_OFFSET = SEQ_OFFSET + Long.BYTES;
    /** Smallest packet that still carries the sequence number and the send time. */
    static final int MIN_SIZE = STAMP_OFFSET + Long.BYTES;
    /** The bulk stream's port (discard). */
    static final int BULK_PORT = 9;
    private static final int TTL = 64;
    private static final int UDP = 17;

    private CbrPackets() {}

    /** A bulk packet (port {@link #BULK_PORT}, no send time); see the other {@code build}. */
    static ByteBuf build(ByteBufAllocator alloc, int source, int destination, long seq, int size) {
        return build(alloc, source, destination, BULK_PORT, seq, 0, size);
    }

    /**
     * A packet of exactly {@code size} bytes from {@code source} to {@code destination}, both
     * ports {@code port}, carrying {@code seq} and {@code sentNanos}.
     *
     * <p>Ownership: the returned buffer belongs to the caller.
     */
    static ByteBuf build(ByteBufAllocator alloc, int source, int destination, int port, long seq, long sentNanos,
                         int size) {
        if (size < MIN_SIZE || size > 65_535) {
            throw new IllegalArgumentException("packet size must be in [" + MIN_SIZE + ", 65535], got " + size);
        }
        ByteBuf packet = alloc.buffer(size, size);
        packet.writeByte(0x45).writeByte(0).writeShort(size)
                .writeShort((int) seq).writeShort(0x4000) // identification, don't fragment
                .writeByte(TTL).writeByte(UDP).writeShort(0)
                .writeInt(source).writeInt(destination);
        packet.setShort(10, headerChecksum(packet));
        packet.writeShort(port).writeShort(port).writeShort(size - IP_HEADER).writeShort(0); // no UDP checksum
        packet.writeLong(seq).writeLong(sentNanos);
        packet.writeZero(size - MIN_SIZE);
        return packet;
    }

    /**
     * The sequence number of a demo packet, or -1 if it is not one. Does not take ownership of
     * {@code packet} and leaves its indexes alone.
     */
    static long sequence(ByteBuf packet) {
        int start = packet.readerIndex();
        if (packet.readableBytes() < MIN_SIZE || packet.getUnsignedByte(start) != 0x45
                || packet.getUnsignedByte(start + 9) != UDP) {
            return -1;
        }
        return packet.getLong(start + SEQ_OFFSET);
    }

    /**
     * The send time of a demo packet (see {@link #sequence} for which packets are).
     * Does not take ownership of {@code packet} and leaves its indexes alone.
     */
    static long sentNanos(ByteBuf packet) {
        return packet.getLong(packet.readerIndex() + STAMP_OFFSET);
    }

    /**
     * The UDP destination port of a demo packet, or -1 if it is not one.
     * Ownership and indexes as {@link #sequence}.
     */
    static int port(ByteBuf packet) {
        return sequence(packet) < 0 ? -1 : packet.getUnsignedShort(packet.readerIndex() + IP_HEADER + 2);
    }

    private static int headerChecksum(ByteBuf packet) {
        int sum = 0;
        for (int i = 0; i < IP_HEADER; i += 2) {
            sum += packet.getUnsignedShort(i);
        }
        while ((sum >>> 16) != 0) {
            sum = (sum & 0xffff) + (sum >>> 16);
        }
        return ~sum & 0xffff;
    }
}
