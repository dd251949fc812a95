package dev.braid.multilink.adapter;

import dev.braid.multilink.protocol.PacketBytes;
import io.netty.buffer.ByteBuf;

/**
 * The inner packet as a buffer's readable bytes, read in place: index 0 is the reader index.
 * Neither retains nor releases the buffer and moves no index.
 */
public final class ByteBufPacketBytes implements PacketBytes<ByteBuf> {
    public static final ByteBufPacketBytes INSTANCE = new ByteBufPacketBytes();

    private ByteBufPacketBytes() {}

    @Override
    public int length(ByteBuf packet) {
        return packet.readableBytes();
    }

    @Override
    public int byteAt(ByteBuf packet, int index) {
        return packet.getUnsignedByte(packet.readerIndex() + index);
    }

    @Override
    public int u16(ByteBuf packet, int index) {
        return packet.getUnsignedShort(packet.readerIndex() + index);
    }

    @Override
    public long u32(ByteBuf packet, int index) {
        return packet.getUnsignedInt(packet.readerIndex() + index);
    }
}
