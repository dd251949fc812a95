package dev.braid.multilink.protocol;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.ByteBuffer;
import java.util.HexFormat;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.Size;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class CodecTest {

    @Test
    void dataHeaderRoundTripAndLayout() {
        DataHeader h = new DataHeader(0x01020304, 0xFFFFFFFE, 0x0A0B0C0D);
        ByteBuffer b = ByteBuffer.allocate(DataHeader.SIZE);
        h.encode(b);
        assertEquals("01020304fffffffe0a0b0c0d00000000", HexFormat.of().formatHex(b.array()));
        b.flip();
        assertEquals(h, DataHeader.decode(b));
        assertEquals(0, b.remaining());
    }

    @Test
    void dataHeaderCarriesTheFlowFields() {
        DataHeader h = DataHeader.of(70_000, 5, 0, FlowTag.of(70_000, 69_997, true));
        ByteBuffer b = ByteBuffer.allocate(DataHeader.SIZE);
        h.encode(b);
        assertEquals("0001117000000005000000000003" + "0200", HexFormat.of().formatHex(b.array()));
        b.flip();
        DataHeader back = DataHeader.decode(b);
        assertEquals(3, back.flowDelta());
        assertTrue(back.realtime());
        assertFalse(back.flowStart());
    }

    @Test
    void flowTagStartsAFlowWhenThePredecessorIsUnknownOrFar() {
        assertEquals(DataHeader.FLOW_START, FlowTag.flags(FlowTag.of(10, -1, false)));
        assertEquals(DataHeader.FLOW_START, FlowTag.flags(FlowTag.of(100_000, 10, false)));
        assertEquals(0, FlowTag.delta(FlowTag.of(100_000, 10, false)));
        assertEquals(DataHeader.MAX_FLOW_DELTA, FlowTag.delta(FlowTag.of(DataHeader.MAX_FLOW_DELTA, 0, false)));
        assertEquals(0, FlowTag.flags(FlowTag.of(11, 10, false)));
    }

    @Test
    void dataHeaderFromCountersTruncates() {
        DataHeader h = DataHeader.of((1L << 32) + 7, (1L << 33) + 9, 5_000_123_456L);
        assertEquals(7, h.globalSeq());
        assertEquals(9, h.linkSeq());
        assertEquals((int) 5_000_123L, h.txTimeMicros());
    }

    @Test
    void dataHeaderShortInput() {
        MalformedMessageException e = assertThrows(MalformedMessageException.class,
                () -> DataHeader.decode(ByteBuffer.allocate(15)));
        assertTrue(e.getMessage().contains("16"));
    }

    @Test
    void ackRoundTripAndLayout() {
        byte[] vector = {(byte) (AckMessage.STATE_RECEIVED | 2), (byte) (AckMessage.STATE_NOT_RECEIVED | 0),
                (byte) (AckMessage.STATE_RECEIVED | 63)};
        AckMessage a = new AckMessage(0x11223344, 0x55667788, 1500, 0x99AABBCC, vector);
        ByteBuffer b = ByteBuffer.allocate(a.encodedSize());
        a.encode(b);
        assertEquals("010000031122334455667788000005dc99aabbcc02c03f", HexFormat.of().formatHex(b.array()));
        b.flip();
        AckMessage back = AckMessage.decode(b);
        assertEquals(a, back);
        assertEquals(1500, back.ackDelayMicros());
        assertArrayEquals(vector, back.vector());
        assertEquals(3, back.runPackets(0));
        assertEquals(64, back.runPackets(2));
    }

    @Test
    void ackInfoUnwrapsRunsIntoRanges() {
        // ack 100: 100..98 received, 97 not, 96..33 received
        byte[] vector = {(byte) 2, (byte) 0xC0, (byte) 63};
        AckInfo info = AckInfo.from(new AckMessage(100, 0, 250, 0, vector), 105);
        assertEquals(100, info.ackNumber());
        assertEquals(250_000, info.ackDelayNanos());
        assertArrayEquals(new long[] {100, 98, 96, 33}, info.receivedRanges());
    }

    @Test
    void ackInfoAcrossWrap() {
        long highestSent = (1L << 32) + 2;
        AckInfo info = AckInfo.from(new AckMessage(1, 0, 0, 0, new byte[] {(byte) 3}), highestSent);
        assertEquals((1L << 32) + 1, info.ackNumber());
        assertArrayEquals(new long[] {(1L << 32) + 1, (1L << 32) - 2}, info.receivedRanges());
    }

    /** Malformed acks: each must raise MalformedMessageException, never an index exception. */
    @ParameterizedTest(name = "#{0}: {1}")
    @CsvSource({
            "1, empty, ''",
            "2, one byte short of the fixed part, 01000001112233445566778800000000000000",
            "3, version 0, 0000000111223344556677880000000000000000" + "00",
            "4, version 2, 0200000111223344556677880000000000000000" + "00",
            "5, vector length 0, 0100000011223344556677880000000000000000",
            "6, vector length 1025, 0100040111223344556677880000000000000000" + "00",
            "7, vector length 65535, 0100ffff11223344556677880000000000000000" + "00",
            "8, vector truncated, 0100000311223344556677880000000000000000" + "0000",
            "9, reserved state 2, 0100000211223344556677880000000000000000" + "0080",
            "10, first run not received, 0100000111223344556677880000000000000000" + "c0",
    })
    void malformedAcks(int no, String what, String hex) {
        ByteBuffer b = ByteBuffer.wrap(HexFormat.of().parseHex(hex));
        MalformedMessageException e = assertThrows(MalformedMessageException.class, () -> AckMessage.decode(b));
        assertFalse(e.getMessage().isBlank());
    }

    @Property(tries = 500)
    void arbitraryBytesNeverThrowAnythingElse(@ForAll @Size(max = 64) byte[] bytes) {
        try {
            AckMessage a = AckMessage.decode(ByteBuffer.wrap(bytes));
            ByteBuffer again = ByteBuffer.allocate(a.encodedSize());
            a.encode(again);
            again.flip();
            assertEquals(a, AckMessage.decode(again));
        } catch (MalformedMessageException expected) {
            // fine
        }
        try {
            DataHeader.decode(ByteBuffer.wrap(bytes));
        } catch (MalformedMessageException expected) {
            // fine
        }
    }
}
