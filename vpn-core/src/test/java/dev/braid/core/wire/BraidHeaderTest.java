package dev.braid.core.wire;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class BraidHeaderTest {

    @Test
    void roundTripKeepsEveryField() {
        BraidHeader header = new BraidHeader(MessageType.DATA, 255, BraidHeader.FLAG_ENCRYPTED | 3, 0xdeadbeef, 0xfffffffeL);
        ByteBuf buf = Unpooled.buffer();
        try {
            header.writeTo(buf);
            assertEquals(BraidHeader.LENGTH, buf.readableBytes());
            BraidHeader read = BraidHeader.readFrom(buf);
            assertEquals(header, read);
            assertEquals(3, read.keyEpoch());
            assertEquals(true, read.encrypted());
            assertEquals(0, buf.readableBytes());
        } finally {
            buf.release();
        }
    }

    @Test
    void layoutIsBigEndianAsDocumented() {
        ByteBuf buf = Unpooled.buffer();
        try {
            new BraidHeader(MessageType.CONTROL, 2, 0x81, 0x01020304, 0x0506070809L).writeTo(buf);
            assertEquals("1702810001020304" + "06070809", ByteBufUtil.hexDump(buf));
        } finally {
            buf.release();
        }
    }

    @Test
    void theWireCarriesTheCounterLow32BitsAndTheReaderGetsThemUnsigned() {
        ByteBuf buf = Unpooled.buffer();
        try {
            new BraidHeader(MessageType.DATA, 0, 0, 1, (7L << 32) | 0xfffffff0L).writeTo(buf);
            assertEquals(0xfffffff0L, BraidHeader.readFrom(buf).counter());
        } finally {
            buf.release();
        }
    }

    /** Numbered malformed inputs: each is dropped with its reason, never an index exception. */
    static Stream<Arguments> malformed() {
        return Stream.of(
                Arguments.of(1, "", DropReason.TOO_SHORT),
                Arguments.of(2, "16", DropReason.TOO_SHORT),
                Arguments.of(3, "1600000000000000000000", DropReason.TOO_SHORT),
                Arguments.of(4, "260000000000000000000000", DropReason.BAD_VERSION),
                Arguments.of(5, "060000000000000000000000", DropReason.BAD_VERSION),
                Arguments.of(6, "100000000000000000000000", DropReason.BAD_TYPE),
                Arguments.of(7, "1b0000000000000000000000", DropReason.BAD_TYPE), // 9 is COOKIE, 10 BUSY (login version 2)
                Arguments.of(8, "1f0000000000000000000000", DropReason.BAD_TYPE),
                Arguments.of(9, "160000010000000000000000", DropReason.BAD_HEADER),
                Arguments.of(10, "160000ff0000000000000000", DropReason.BAD_HEADER));
    }

    @ParameterizedTest(name = "{0}: {1}")
    @MethodSource("malformed")
    void malformedInputIsRejectedWithItsReason(int number, String hex, DropReason reason) {
        ByteBuf buf = Unpooled.wrappedBuffer(ByteBufUtil.decodeHexDump(hex));
        try {
            MalformedPacketException e = assertThrows(MalformedPacketException.class, () -> BraidHeader.readFrom(buf));
            assertEquals(reason, e.reason(), "case " + number + ": " + e.getMessage());
        } finally {
            buf.release();
        }
    }
}
