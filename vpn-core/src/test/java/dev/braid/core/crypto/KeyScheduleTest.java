package dev.braid.core.crypto;

import static dev.braid.core.crypto.Hex.bytes;
import static dev.braid.core.crypto.Hex.hex;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import org.junit.jupiter.api.Test;

class KeyScheduleTest {

    private static final byte[] IKM = filled(22, 0x0b);

    @Test
    void rfc5869TestCase1() {
        byte[] prk = KeySchedule.extract(Hex.range(0x00, 0x0c), IKM);
        assertEquals("077709362c2e32df0ddc3f0dc47bba6390b6c73bb50f9c3122ec844ad7c2b3e5", hex(prk));
        byte[] okm = KeySchedule.expand(prk, Hex.range(0xf0, 0xf9), 42);
        assertEquals("3cb25f25faacd57a90434f64d0362f2a2d2d0a90cf1a5a4c5db02d56ecc4c5bf34007208d5b887185865",
                hex(okm));
    }

    @Test
    void rfc5869TestCase3EmptySaltAndInfo() {
        byte[] prk = KeySchedule.extract(new byte[0], IKM);
        assertEquals("19ef24a32c717b167f33a91d6f648bdf96596776afdb6377ac434c1c293ccb04", hex(prk));
        byte[] okm = KeySchedule.expand(prk, new byte[0], 42);
        assertEquals("8da4e775a563c18f715f802a063c5a31b8a11f5c5ee1879ec3454e5f3c738d2d9d201395faa4b61a96c8",
                hex(okm));
    }

    @Test
    void sessionKeysAreDistinctAndDeterministic() {
        byte[] k = filled(32, 1);
        byte[] a = filled(384, 2);
        byte[] b = filled(384, 3);
        byte[] cn = filled(16, 4);
        byte[] sn = filled(16, 5);
        SessionKeys keys = KeySchedule.derive(k, a, b, cn, sn);
        assertEquals(keys, KeySchedule.derive(k, a, b, cn, sn));
        List<byte[]> all = List.of(keys.clientToServer(), keys.serverToClient(), keys.confirmation(), keys.join());
        assertEquals(4, new HashSet<>(all.stream().map(Arrays::toString).toList()).size());
        assertNotEquals(keys, KeySchedule.derive(k, a, b, cn, filled(16, 6)));
        assertEquals("SessionKeys[redacted]", keys.toString());
    }

    @Test
    void keyUpdateIsExpandWithLabel() {
        byte[] current = filled(32, 7);
        assertArrayEquals(KeySchedule.expand(current, "braid ku".getBytes(), 32), KeySchedule.nextKey(current));
        assertNotEquals(hex(current), hex(KeySchedule.nextKey(current)));
    }

    @Test
    void argon2PreHashDependsOnAllInputs() {
        byte[] salt = filled(16, 9);
        byte[] h = PasswordHasher.preHash("pw".getBytes(), salt, Argon2Params.TEST_CHEAP);
        assertEquals(32, h.length);
        assertArrayEquals(h, PasswordHasher.preHash("pw".getBytes(), salt, Argon2Params.TEST_CHEAP));
        assertNotEquals(hex(h), hex(PasswordHasher.preHash("pX".getBytes(), salt, Argon2Params.TEST_CHEAP)));
        assertNotEquals(hex(h), hex(PasswordHasher.preHash("pw".getBytes(), filled(16, 8), Argon2Params.TEST_CHEAP)));
        assertNotEquals(hex(h), hex(PasswordHasher.preHash("pw".getBytes(), salt, new Argon2Params(16, 1, 1))));
    }

    @Test
    void argon2ParamsParseAndValidate() {
        assertEquals(new Argon2Params(65536, 3, 1), Argon2Params.parse("65536,3,1"));
        assertEquals("65536,3,1", Argon2Params.DEFAULT.format());
        for (String bad : List.of("1,2", "a,b,c", "4,1,1", "64,0,1", "64,1,0")) {
            org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class,
                    () -> Argon2Params.parse(bad), bad);
        }
    }

    static byte[] filled(int length, int value) {
        byte[] out = new byte[length];
        Arrays.fill(out, (byte) value);
        return out;
    }
}
