package dev.braid.core.tun;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class IfreqTest {

    @Test
    void isFortyBytesWithNameAtZeroAndFlagsAtSixteen() {
        byte[] req = Ifreq.withFlags("braid%d", (short) (LinuxTun.IFF_TUN | LinuxTun.IFF_NO_PI));

        assertEquals(40, req.length);
        assertArrayEquals("braid%d\0".getBytes(), Arrays.copyOfRange(req, 0, 8));
        short flags = ByteBuffer.wrap(req).order(ByteOrder.nativeOrder()).getShort(16);
        assertEquals(0x1001, flags);
        for (int i = 18; i < 40; i++) {
            assertEquals(0, req[i], "byte " + i + " of the union must be zero");
        }
    }

    @Test
    void decodesTheNameTheKernelWroteBack() {
        byte[] req = Ifreq.withFlags("braid%d", (short) 0x1001);
        // what TUNSETIFF copies back: the resolved name over the pattern, all 40 bytes
        byte[] resolved = "braid12\0".getBytes();
        System.arraycopy(resolved, 0, req, 0, resolved.length);

        assertEquals("braid12", Ifreq.name(req));
        assertEquals(0x1001, Ifreq.flags(req));
    }

    @Test
    void decodesAFullFifteenCharacterName() {
        byte[] req = Ifreq.withName("abcdefghijklmno");
        assertEquals("abcdefghijklmno", Ifreq.name(req));
        assertEquals(0, req[15]);
    }

    @Test
    void readsTheIntUnionMemberForMtu() {
        byte[] req = Ifreq.withName("braid0");
        ByteBuffer.wrap(req).order(ByteOrder.nativeOrder()).putInt(16, 1380);
        assertEquals(1380, Ifreq.intValue(req));
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "abcdefghijklmnop", "a/b", "a b", "a:b", ".", ".."})
    void rejectsNamesTheKernelWouldRefuse(String name) {
        TunException e = assertThrows(TunException.class, () -> Ifreq.withName(name));
        assertEquals(TunException.Reason.INVALID_NAME, e.reason());
    }

    @Test
    void rejectsABufferOfTheWrongSize() {
        assertThrows(IllegalArgumentException.class, () -> Ifreq.flags(new byte[20]));
    }
}
