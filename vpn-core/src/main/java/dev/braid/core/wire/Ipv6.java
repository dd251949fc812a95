package dev.braid.core.wire;

import io.netty.buffer.ByteBuf;

/** The IPv6 header fields the core routes by (the fixed 40-byte header). Reads without moving the reader index. */
public final class Ipv6 {
    public static final int HEADER = 40;
    private static final int SOURCE_OFFSET = 8;
    private static final int DESTINATION_OFFSET = 24;

    private Ipv6() {}

    /** @return true if the buffer holds at least the fixed IPv6 header with version 6 */
    public static boolean isIpv6(ByteBuf packet) {
        return packet.readableBytes() >= HEADER && (packet.getUnsignedByte(packet.readerIndex()) >>> 4) == 6;
    }

    /** The high 64 bits of the packet's destination; only after {@link #isIpv6}. */
    public static long destinationHigh(ByteBuf packet) {
        return packet.getLong(packet.readerIndex() + DESTINATION_OFFSET);
    }

    /** The low 64 bits of the packet's destination; only after {@link #isIpv6}. */
    public static long destinationLow(ByteBuf packet) {
        return packet.getLong(packet.readerIndex() + DESTINATION_OFFSET + 8);
    }

    /** Whether the packet's source is {@code address}; only after {@link #isIpv6}. */
    public static boolean sourceIs(ByteBuf packet, Ipv6Address address) {
        int at = packet.readerIndex() + SOURCE_OFFSET;
        return packet.getLong(at) == address.hi() && packet.getLong(at + 8) == address.lo();
    }
}
