package dev.braid.core.wire;

import io.netty.buffer.ByteBuf;

/**
 * The 12-byte clear header that starts every Braid datagram. It is the AEAD's associated data,
 * so nothing in it can be changed in flight without the packet being rejected.
 *
 * <pre>
 *  0      version:4 | type:4
 *  1      link id (u8)            chosen by the client, one per client interface
 *  2      flags (u8)              bit 0-1: key epoch, bit 7: payload encrypted
 *  3      reserved, must be 0
 *  4..7   session id (u32)        0 during the login handshake
 *  8..11  counter (u32)           low 32 bits of the 64-bit counter, per link and direction,
 *                                 never reused; the full counter is the AEAD nonce, and the
 *                                 receiver restores it ({@code CounterExpansion})
 * </pre>
 * A header built to send holds the full counter; one read from the wire holds its low 32 bits.
 */
public record BraidHeader(MessageType type, int linkId, int flags, int sessionId, long counter) {

    public static final int VERSION = 1;
    public static final int LENGTH = 12;
    public static final int FLAG_ENCRYPTED = 0x80;
    public static final int EPOCH_MASK = 0x03;

    public int keyEpoch() {
        return flags & EPOCH_MASK;
    }

    public boolean encrypted() {
        return (flags & FLAG_ENCRYPTED) != 0;
    }

    /** Writes the header at the buffer's writer index. Does not take ownership of {@code out}. */
    public void writeTo(ByteBuf out) {
        out.writeByte(VERSION << 4 | type.code());
        out.writeByte(linkId);
        out.writeByte(flags);
        out.writeByte(0);
        out.writeInt(sessionId);
        out.writeInt((int) counter);
    }

    /**
     * Reads a header from the buffer's reader index, advancing it. Does not take ownership.
     *
     * @throws MalformedPacketException when the buffer is too short or the header is invalid
     */
    public static BraidHeader readFrom(ByteBuf in) {
        if (in.readableBytes() < LENGTH) {
            throw new MalformedPacketException(DropReason.TOO_SHORT,
                    "datagram of " + in.readableBytes() + " bytes is shorter than the " + LENGTH + "-byte header");
        }
        int first = in.readUnsignedByte();
        if (first >>> 4 != VERSION) {
            throw new MalformedPacketException(DropReason.BAD_VERSION, "unsupported protocol version " + (first >>> 4));
        }
        MessageType type = MessageType.ofCode(first & 0x0f);
        if (type == null) {
            throw new MalformedPacketException(DropReason.BAD_TYPE, "unknown message type " + (first & 0x0f));
        }
        int linkId = in.readUnsignedByte();
        int flags = in.readUnsignedByte();
        if (in.readUnsignedByte() != 0) {
            throw new MalformedPacketException(DropReason.BAD_HEADER, "reserved header byte is not zero");
        }
        int sessionId = in.readInt();
        long counter = in.readUnsignedInt();
        return new BraidHeader(type, linkId, flags, sessionId, counter);
    }
}
