package dev.braid.core.path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class PathMtuMessagesTest {

    @Test
    void aProbeIsPaddedToItsBodyLengthAndItsAckIsSixBytes() {
        ByteBuf probe = Unpooled.buffer();
        PathMtuMessages.writeProbe(probe, 1280, 0xfffffffe, 1223);
        assertEquals(1223, probe.readableBytes());
        PathMtuMessages.Probe read = PathMtuMessages.readProbe(probe);
        assertEquals(new PathMtuMessages.Probe(1280, 0xfffffffe), read);
        ByteBuf ack = Unpooled.buffer();
        PathMtuMessages.writeAck(ack, read);
        assertEquals(PathMtuMessages.ACK_LENGTH, ack.readableBytes(), "never larger than the probe");
        assertEquals(read, PathMtuMessages.readAck(ack));
        assertEquals(0, ack.readerIndex());
    }

    @Test
    void aReportIsTwoBytes() {
        ByteBuf report = Unpooled.buffer();
        PathMtuMessages.writeReport(report, 1492);
        assertEquals(1492, PathMtuMessages.readReport(report));
    }

    @Test
    void aProbeBodyShorterThanSizeAndIdCannotBeWritten() {
        assertThrows(IllegalArgumentException.class, () -> PathMtuMessages.writeProbe(Unpooled.buffer(), 1280, 1, 5));
    }

    /** Malformed bodies (hex): the readers return null / -1, the session counts malformed-body. */
    @ParameterizedTest(name = "{0}")
    @CsvSource({
            "probe too short,       probe,  0500000001",
            "probe size under 68,   probe,  0043000000010000",
            "ack too short,         ack,    050000000",
            "ack too long,          ack,    05000000000100",
            "ack size under 68,     ack,    000000000001",
            "report too short,      report, 05",
            "report too long,       report, 050000",
            "report of 0,           report, 0000",
            "report under 68,       report, 0043",
    })
    void malformedBodiesAreRefused(String what, String kind, String hex) {
        ByteBuf body = Unpooled.wrappedBuffer(bytes(hex));
        switch (kind) {
            case "probe" -> assertNull(PathMtuMessages.readProbe(body), what);
            case "ack" -> assertNull(PathMtuMessages.readAck(body), what);
            default -> assertEquals(-1, PathMtuMessages.readReport(body), what);
        }
    }

    private static byte[] bytes(String hex) {
        if (hex.length() % 2 == 1) {
            hex = hex + "0"; // an odd digit count is still a short body
        }
        byte[] out = new byte[hex.length() / 2];
        for (int i = 0; i < out.length; i++) {
            out[i] = (byte) Integer.parseInt(hex.substring(2 * i, 2 * i + 2), 16);
        }
        return out;
    }
}
