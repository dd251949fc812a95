package dev.braid.core.crypto;

import static dev.braid.core.crypto.Hex.bytes;
import static dev.braid.core.crypto.Hex.hex;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.api.Test;

class AeadTest {

    // RFC 8439 §2.8.2
    private static final byte[] RFC8439_KEY = Hex.range(0x80, 0x9f);
    private static final byte[] RFC8439_NONCE = bytes("070000004041424344454647");
    private static final byte[] RFC8439_AAD = bytes("50515253c0c1c2c3c4c5c6c7");
    private static final byte[] RFC8439_PLAINTEXT = ("Ladies and Gentlemen of the class of '99: If I could offer you "
            + "only one tip for the future, sunscreen would be it.").getBytes(StandardCharsets.US_ASCII);
    private static final String RFC8439_CIPHERTEXT = "d31a8d34648e60db7b86afbc53ef7ec2a4aded51296e08fea9e2b5a736ee62d6"
            + "3dbea45e8ca9671282fafb69da92728b1a71de0a9e060b2905d6a5b67ecd3b3692ddbd7f2d778b8c9803aee328091b58"
            + "fab324e4fad675945585808b4831d7bc3ff4def08e4b7a9de576d26586cec64b6116";
    private static final String RFC8439_TAG = "1ae10b594f09e26a7e902ecbd0600691";

    @Test
    void chacha20Poly1305Rfc8439Section282RawNonce() {
        ChaCha20Poly1305Aead aead = new ChaCha20Poly1305Aead(RFC8439_KEY);
        byte[] out = new byte[RFC8439_PLAINTEXT.length + 16];
        int n = aead.sealWithNonce(RFC8439_NONCE, RFC8439_AAD, 0, RFC8439_AAD.length,
                RFC8439_PLAINTEXT, 0, RFC8439_PLAINTEXT.length, out, 0);
        assertEquals(out.length, n);
        assertEquals(RFC8439_CIPHERTEXT + RFC8439_TAG, hex(out));

        ChaCha20Poly1305Aead receiver = new ChaCha20Poly1305Aead(RFC8439_KEY);
        byte[] plain = new byte[out.length];
        assertEquals(RFC8439_PLAINTEXT.length, receiver.openWithNonce(RFC8439_NONCE, RFC8439_AAD, 0,
                RFC8439_AAD.length, out, 0, out.length, plain, 0));
        assertArrayEquals(RFC8439_PLAINTEXT, Arrays.copyOf(plain, RFC8439_PLAINTEXT.length));
    }

    @Test
    void braidNonceLayoutIsLinkIdThenCounterLittleEndian() {
        // The RFC nonce 07000000|4041..47 is linkId 7 and counter 0x4746454443424140 in Braid's layout.
        byte[] nonce = new byte[12];
        Aead.writeNonce(nonce, 7, 0x4746454443424140L);
        assertArrayEquals(RFC8439_NONCE, nonce);
        byte[] out = new byte[RFC8439_PLAINTEXT.length + 16];
        new ChaCha20Poly1305Aead(RFC8439_KEY).seal(7, 0x4746454443424140L, RFC8439_AAD, 0, RFC8439_AAD.length,
                RFC8439_PLAINTEXT, 0, RFC8439_PLAINTEXT.length, out, 0);
        assertEquals(RFC8439_CIPHERTEXT + RFC8439_TAG, hex(out));
    }

    /** McGrew/Viega GCM spec (as used in NIST CAVP), test cases 13, 14 and 16 (AES-256). */
    @Test
    void aes256GcmVectors() {
        record Vector(String key, String iv, String aad, String plain, String cipher, String tag) {
        }
        String k16 = "feffe9928665731c6d6a8f9467308308feffe9928665731c6d6a8f9467308308";
        List<Vector> vectors = List.of(
                new Vector("00".repeat(32), "00".repeat(12), "", "", "", "530f8afbc74536b9a963b4f1c4cb738b"),
                new Vector("00".repeat(32), "00".repeat(12), "", "00".repeat(16),
                        "cea7403d4d606b6e074ec5d3baf39d18", "d0d1c8a799996bf0265b98b5d48ab919"),
                new Vector(k16, "cafebabefacedbaddecaf888", "feedfacedeadbeeffeedfacedeadbeefabaddad2",
                        "d9313225f88406e5a55909c5aff5269a86a7a9531534f7da2e4c303d8a318a72"
                                + "1c3c0c95956809532fcf0e2449a6b525b16aedf5aa0de657ba637b39",
                        "522dc1f099567d07f47f37a32a84427d643a8cdcbfe5c0c97598a2bd2555d1aa"
                                + "8cb08e48590dbb3da7b08b1056828838c5f61e6393ba7a0abcc9f662",
                        "76fc6ece0f4e1768cddf8853bb2d551b"));
        for (Vector v : vectors) {
            AesGcmAead aead = new AesGcmAead(bytes(v.key()));
            byte[] plain = bytes(v.plain());
            byte[] aad = bytes(v.aad());
            byte[] out = new byte[plain.length + 16];
            aead.sealWithNonce(bytes(v.iv()), aad, 0, aad.length, plain, 0, plain.length, out, 0);
            assertEquals(v.cipher() + v.tag(), hex(out), v.toString());
            byte[] back = new byte[out.length];
            assertEquals(plain.length, new AesGcmAead(bytes(v.key())).openWithNonce(bytes(v.iv()), aad, 0,
                    aad.length, out, 0, out.length, back, 0));
            assertArrayEquals(plain, Arrays.copyOf(back, plain.length));
        }
    }

    @ParameterizedTest
    @EnumSource(value = CipherSuite.class, names = {"CHACHA20_POLY1305", "AES_256_GCM"})
    void roundTripInPlaceAndReusedInstance(CipherSuite suite) {
        byte[] key = KeyScheduleTest.filled(32, 0x42);
        Aead sender = suite.newAead(key);
        Aead receiver = suite.newAead(key);
        byte[] aad = bytes("0102030405060708090a0b0c0d0e0f10");
        for (long counter = 0; counter < 50; counter++) {
            int len = (int) (counter * 7);
            byte[] buf = new byte[len + 16];
            for (int i = 0; i < len; i++) {
                buf[i] = (byte) (i * 31 + counter);
            }
            byte[] original = Arrays.copyOf(buf, len);
            assertEquals(len + 16, sender.seal(3, counter, aad, 0, aad.length, buf, 0, len, buf, 0));
            assertEquals(len, receiver.open(3, counter, aad, 0, aad.length, buf, 0, len + 16, buf, 0));
            assertArrayEquals(original, Arrays.copyOf(buf, len));
        }
    }

    @ParameterizedTest
    @EnumSource(value = CipherSuite.class, names = {"CHACHA20_POLY1305", "AES_256_GCM"})
    void everyFlippedByteOfAadCiphertextOrTagIsRejected(CipherSuite suite) {
        byte[] key = KeyScheduleTest.filled(32, 0x11);
        byte[] aad = Hex.range(0, 15);
        byte[] plain = Hex.range(100, 140);
        Aead sender = suite.newAead(key);
        byte[] sealed = new byte[plain.length + 16];
        sender.seal(1, 9, aad, 0, aad.length, plain, 0, plain.length, sealed, 0);
        Aead receiver = suite.newAead(key);
        byte[] out = new byte[sealed.length];
        for (int i = 0; i < aad.length; i++) {
            byte[] badAad = aad.clone();
            badAad[i] ^= 0x01;
            assertEquals(-1, receiver.open(1, 9, badAad, 0, badAad.length, sealed, 0, sealed.length, out, 0),
                    "aad byte " + i);
        }
        for (int i = 0; i < sealed.length; i++) {
            byte[] bad = sealed.clone();
            bad[i] ^= (byte) 0x80;
            assertEquals(-1, receiver.open(1, 9, aad, 0, aad.length, bad, 0, bad.length, out, 0), "byte " + i);
        }
        assertEquals(-1, receiver.open(2, 9, aad, 0, aad.length, sealed, 0, sealed.length, out, 0), "link id");
        assertEquals(-1, receiver.open(1, 10, aad, 0, aad.length, sealed, 0, sealed.length, out, 0), "counter");
        assertEquals(-1, receiver.open(1, 9, aad, 0, aad.length, sealed, 0, 15, out, 0), "short");
        assertEquals(plain.length, receiver.open(1, 9, aad, 0, aad.length, sealed, 0, sealed.length, out, 0));
    }

    @ParameterizedTest
    @EnumSource(value = CipherSuite.class, names = {"CHACHA20_POLY1305", "AES_256_GCM"})
    void authenticatedOnlyLeavesPayloadInClearAndDetectsTampering(CipherSuite suite) {
        byte[] key = KeyScheduleTest.filled(32, 0x22);
        byte[] aad = Hex.range(0, 15);
        byte[] plain = Hex.range(50, 80);
        byte[] sealed = new byte[plain.length + 16];
        assertEquals(sealed.length, suite.newAead(key).sealAuthenticated(5, 1, aad, 0, aad.length, plain, 0,
                plain.length, sealed, 0));
        assertArrayEquals(plain, Arrays.copyOf(sealed, plain.length));
        Aead receiver = suite.newAead(key);
        byte[] out = new byte[sealed.length];
        for (int i = 0; i < sealed.length; i++) {
            byte[] bad = sealed.clone();
            bad[i] ^= 0x04;
            assertEquals(-1, receiver.openAuthenticated(5, 1, aad, 0, aad.length, bad, 0, bad.length, out, 0));
        }
        for (int i = 0; i < aad.length; i++) {
            byte[] badAad = aad.clone();
            badAad[i] ^= 0x04;
            assertEquals(-1, receiver.openAuthenticated(5, 1, badAad, 0, aad.length, sealed, 0, sealed.length, out, 0));
        }
        assertEquals(plain.length, receiver.openAuthenticated(5, 1, aad, 0, aad.length, sealed, 0, sealed.length,
                out, 0));
        assertArrayEquals(plain, Arrays.copyOf(out, plain.length));
    }

    @Test
    void chachaMatchesBouncyCastlesAeadForAllShapesAndLeavesOutputAloneOnForgery() throws Exception {
        byte[] key = KeyScheduleTest.filled(32, 0x5a);
        ChaCha20Poly1305Aead ours = new ChaCha20Poly1305Aead(key);
        java.util.Random random = new java.util.Random(1);
        for (int length = 0; length < 300; length += 13) {
            byte[] aad = new byte[length % 40];
            byte[] plain = new byte[length];
            random.nextBytes(aad);
            random.nextBytes(plain);
            byte[] nonce = new byte[12];
            Aead.writeNonce(nonce, length, 1000L + length);
            org.bouncycastle.crypto.modes.ChaCha20Poly1305 reference = new org.bouncycastle.crypto.modes.ChaCha20Poly1305();
            reference.init(true, new org.bouncycastle.crypto.params.AEADParameters(
                    new org.bouncycastle.crypto.params.KeyParameter(key), 128, nonce));
            reference.processAADBytes(aad, 0, aad.length);
            byte[] expected = new byte[length + 16];
            int n = reference.processBytes(plain, 0, length, expected, 0);
            reference.doFinal(expected, n);

            byte[] sealed = new byte[length + 16];
            ours.seal(length, 1000L + length, aad, 0, aad.length, plain, 0, length, sealed, 0);
            assertArrayEquals(expected, sealed, "length " + length);

            // Authenticated-only equals the AEAD of an empty plaintext with aad|payload as AAD.
            reference.init(true, new org.bouncycastle.crypto.params.AEADParameters(
                    new org.bouncycastle.crypto.params.KeyParameter(key), 128, nonce(length, 2000L + length)));
            reference.processAADBytes(aad, 0, aad.length);
            reference.processAADBytes(plain, 0, length);
            byte[] expectedTag = new byte[16];
            reference.doFinal(expectedTag, 0);
            byte[] authOnly = new byte[length + 16];
            ours.sealAuthenticated(length, 2000L + length, aad, 0, aad.length, plain, 0, length, authOnly, 0);
            assertArrayEquals(expectedTag, Arrays.copyOfRange(authOnly, length, length + 16));

            byte[] forged = sealed.clone();
            forged[forged.length - 1] ^= 1;
            byte[] out = new byte[length + 16];
            Arrays.fill(out, (byte) 0x77);
            assertEquals(-1, ours.open(length, 1000L + length, aad, 0, aad.length, forged, 0, forged.length, out, 0));
            byte[] untouched = new byte[length + 16];
            Arrays.fill(untouched, (byte) 0x77);
            assertArrayEquals(untouched, out);
        }
    }

    private static byte[] nonce(int linkId, long counter) {
        byte[] nonce = new byte[12];
        Aead.writeNonce(nonce, linkId, counter);
        return nonce;
    }

    @Test
    void suiteConfigNames() {
        assertEquals(CipherSuite.NONE, CipherSuite.fromConfigName("none"));
        assertEquals(CipherSuite.CHACHA20_POLY1305, CipherSuite.fromConfigName("chacha20-poly1305"));
        assertEquals(CipherSuite.AES_256_GCM, CipherSuite.fromConfigName("aes-256-gcm"));
        IllegalArgumentException e = org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class,
                () -> CipherSuite.fromConfigName("rot13"));
        assertEquals("unknown cipher suite 'rot13', known: none, chacha20-poly1305, aes-256-gcm", e.getMessage());
    }
}
