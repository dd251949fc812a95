package dev.braid.multilink.adapter;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.braid.multilink.protocol.InnerPacketParser;
import dev.braid.multilink.protocol.PacketBytes;
import dev.braid.multilink.protocol.PacketFacts;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.PooledByteBufAllocator;
import org.junit.jupiter.api.Test;

/** A buffer with a header before the inner packet parses as the packet alone, and keeps its indices and refcount. */
class ByteBufPacketBytesTest {

    @Test
    void parsesFromTheReaderIndexWithoutMovingIt() {
        byte[] udp = {
            0x45, (byte) 0xB8, 0, 30, 0, 0, 0, 0, 64, 17, 0, 0, 10, 0, 0, 2, 10, 0, 0, 1, // IPv4, DSCP 46
            0x13, (byte) 0x8C, 0x13, (byte) 0x8E, 0, 10, 0, 0, 1, 2 // UDP 5004 > 5006
        };
        ByteBuf buf = PooledByteBufAllocator.DEFAULT.directBuffer(64);
        try {
            buf.writeZero(12).writeBytes(udp).writeZero(5);
            buf.readerIndex(12);
            buf.writerIndex(12 + udp.length);
            PacketFacts viaBuf = new InnerPacketParser<>(ByteBufPacketBytes.INSTANCE, 3).parse(buf, new PacketFacts());
            PacketFacts viaArray = new InnerPacketParser<>(PacketBytes.BYTE_ARRAY, 3).parse(udp, new PacketFacts());
            assertEquals("udp 10.0.0.2:5004 > 10.0.0.1:5006", viaBuf.toString());
            assertEquals(46, viaBuf.dscp());
            assertEquals(viaArray.flowHash(), viaBuf.flowHash());
            assertEquals(12, buf.readerIndex());
            assertEquals(1, buf.refCnt());
            buf.writerIndex(12 + 21);
            assertTrue(new InnerPacketParser<>(ByteBufPacketBytes.INSTANCE, 3).parse(buf, viaBuf).malformed());
        } finally {
            buf.release();
        }
    }
}
