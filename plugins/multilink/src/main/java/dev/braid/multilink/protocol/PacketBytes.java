package dev.braid.multilink.protocol;

/**
 * Read access to an inner IP packet's bytes, so the parser reads a Netty buffer in place (indices
 * relative to its reader index) and tests read a {@code byte[]}. Indices are 0-based from the
 * packet's first byte; callers stay within {@code 0 <= index < length(packet)}.
 */
public interface PacketBytes<P> {
    /** A {@code byte[]} that is exactly the packet. */
    PacketBytes<byte[]> BYTE_ARRAY = new PacketBytes<>() {
        @Override
        public int length(byte[] packet) {
            return packet.length;
        }

        @Override
        public int byteAt(byte[] packet, int index) {
            return packet[index] & 0xFF;
        }
    };

    /** Bytes in the packet. */
    int length(P packet);

    /** The byte at {@code index}, unsigned (0..255). */
    int byteAt(P packet, int index);

    /** The big-endian 16-bit value at {@code index}; override where one read is cheaper than two. */
    default int u16(P packet, int index) {
        return byteAt(packet, index) << 8 | byteAt(packet, index + 1);
    }

    /** The big-endian 32-bit value at {@code index}, unsigned; override where one read is cheaper than four. */
    default long u32(P packet, int index) {
        return (long) u16(packet, index) << 16 | u16(packet, index + 2);
    }
}
