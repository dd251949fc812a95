package dev.braid.core.wire;

import io.netty.buffer.ByteBuf;

/** The few IPv4 header fields the core routes by. Reads without moving the reader index. */
public final class Ipv4 {
    public static final int MIN_HEADER = 20;

    private Ipv4() {}

    /** @return true if the buffer holds at least an IPv4 header with version 4 */
    public static boolean isIpv4(ByteBuf packet) {
        return packet.readableBytes() >= MIN_HEADER && (packet.getUnsignedByte(packet.readerIndex()) >>> 4) == 4;
    }

    /** Source address as a 32-bit int; only after {@link #isIpv4}. */
    public static int source(ByteBuf packet) {
        return packet.getInt(packet.readerIndex() + 12);
    }

    /** Destination address as a 32-bit int; only after {@link #isIpv4}. */
    public static int destination(ByteBuf packet) {
        return packet.getInt(packet.readerIndex() + 16);
    }

    public static String format(int address) {
        return (address >>> 24) + "." + (address >>> 16 & 0xff) + "." + (address >>> 8 & 0xff) + "." + (address & 0xff);
    }

    public static int parse(String dotted) {
        String[] parts = dotted.split("\\.", -1);
        if (parts.length != 4) {
            throw new IllegalArgumentException("not an IPv4 address: " + dotted);
        }
        int value = 0;
        for (String part : parts) {
            int octet;
            try {
                octet = Integer.parseInt(part);
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("not an IPv4 address: " + dotted, e);
            }
            if (octet < 0 || octet > 255) {
                throw new IllegalArgumentException("not an IPv4 address: " + dotted);
            }
            value = value << 8 | octet;
        }
        return value;
    }
}
