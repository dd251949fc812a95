package dev.braid.core.login;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.braid.core.crypto.Argon2Params;
import dev.braid.core.crypto.CipherSuite;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.Size;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class LoginMessagesTest {

    private static final byte[] NONCE = filled(16, 7);
    private static final byte[] HELLO = LoginMessages.encodeHello(2, "alice", NONCE, filled(16, 8));
    private static final byte[] COOKIE = LoginMessages.encodeCookie(NONCE, filled(16, 8));
    private static final byte[] CHALLENGE = LoginMessages.encodeChallenge(0x01020304, filled(16, 1),
            new Argon2Params(65536, 3, 1), filled(384, 2), filled(16, 3), NONCE);
    private static final byte[] PROOF = LoginMessages.encodeProof(0x01020304, filled(384, 4), filled(32, 5),
            CipherSuite.AES_256_GCM, "multilink");
    private static final SessionParameters PARAMS = new SessionParameters(77, LoginFixture.ipv4(10, 0, 0, 2), 24,
            1400, CipherSuite.CHACHA20_POLY1305, "single", Duration.ofMillis(1500), Duration.ofSeconds(90),
            new SessionToken(filled(16, 10)));
    private static final byte[] ACCEPT = withMac(LoginMessages.encodeAcceptWithoutMac(0x01020304, filled(32, 6),
            PARAMS));
    private static final byte[] REJECT = LoginMessages.encodeReject(0x01020304, RejectReason.POOL_EXHAUSTED, NONCE);

    private interface Decoder {
        Object decode(byte[] body) throws MalformedLoginMessageException;
    }

    @Test
    void roundTrips() throws Exception {
        LoginMessages.Hello hello = LoginMessages.decodeHello(HELLO);
        assertEquals(2, hello.version());
        assertEquals("alice", hello.username());
        assertArrayEquals(NONCE, hello.clientNonce());
        assertArrayEquals(filled(16, 8), hello.cookie());
        assertEquals(0, LoginMessages.decodeHello(LoginMessages.encodeHello(2, "alice", NONCE)).cookie().length);

        LoginMessages.Cookie cookie = LoginMessages.decodeCookie(COOKIE);
        assertArrayEquals(NONCE, cookie.clientNonce());
        assertArrayEquals(filled(16, 8), cookie.cookie());
        assertEquals(33, COOKIE.length);

        LoginMessages.Challenge challenge = LoginMessages.decodeChallenge(CHALLENGE);
        assertEquals(0x01020304, challenge.handshakeId());
        assertEquals(new Argon2Params(65536, 3, 1), challenge.argon2());
        assertArrayEquals(filled(384, 2), challenge.b());
        assertArrayEquals(NONCE, challenge.clientNonce());
        assertEquals(444, CHALLENGE.length);

        LoginMessages.Proof proof = LoginMessages.decodeProof(PROOF);
        assertEquals(CipherSuite.AES_256_GCM, proof.suite());
        assertEquals("multilink", proof.dataPath());
        assertArrayEquals(filled(32, 5), proof.m1());

        LoginMessages.Accept accept = LoginMessages.decodeAccept(ACCEPT);
        assertEquals(PARAMS, accept.parameters());
        assertArrayEquals(filled(32, 9), accept.mac());
        assertArrayEquals(Arrays.copyOf(ACCEPT, ACCEPT.length - 32), accept.macInput());

        LoginMessages.Reject reject = LoginMessages.decodeReject(REJECT);
        assertEquals(0x01020304, reject.handshakeId());
        assertEquals(RejectReason.POOL_EXHAUSTED, reject.reason());
        assertArrayEquals(NONCE, reject.clientNonce());
        assertEquals(22, REJECT.length);
        assertEquals(6, LoginMessages.encodeLegacyReject(RejectReason.UNSUPPORTED_VERSION).length);
    }

    @Test
    void everyAnswerFitsInItsRequest() {
        // Worst cases: the longest data path in ACCEPT against the shortest in PROOF.
        byte[] shortestProof = LoginMessages.encodeProof(1, filled(384, 4), filled(32, 5), CipherSuite.NONE, "s");
        SessionParameters longest = new SessionParameters(1, LoginFixture.ipv4(10, 0, 0, 2), 24, 1400,
                CipherSuite.NONE, "x".repeat(32), Duration.ZERO, Duration.ZERO, new SessionToken(filled(16, 1)));
        byte[] longestAccept = withMac(LoginMessages.encodeAcceptWithoutMac(1, filled(32, 6), longest));
        assertTrue(CHALLENGE.length <= HELLO.length, "CHALLENGE <= HELLO");
        assertTrue(COOKIE.length <= HELLO.length, "COOKIE <= HELLO");
        assertTrue(LoginMessages.REJECT_LENGTH <= HELLO.length, "REJECT <= HELLO");
        assertTrue(longestAccept.length <= shortestProof.length, "ACCEPT <= PROOF");
        assertTrue(LoginMessages.REJECT_LENGTH <= shortestProof.length, "REJECT <= PROOF");
    }

    record Case(int number, String name, Decoder decoder, byte[] body, String expectedMessagePart) {
        @Override
        public String toString() {
            return number + ": " + name;
        }
    }

    static Stream<Case> malformed() {
        Decoder hello = LoginMessages::decodeHello;
        Decoder challenge = LoginMessages::decodeChallenge;
        Decoder proof = LoginMessages::decodeProof;
        Decoder accept = LoginMessages::decodeAccept;
        Decoder reject = LoginMessages::decodeReject;
        List<Case> cases = List.of(
                new Case(1, "empty body", hello, new byte[0], "empty body"),
                new Case(2, "wrong type code", challenge, HELLO, "type code 1"),
                new Case(3, "HELLO without padding", hello, Arrays.copyOf(HELLO, 24), "at least 1150"),
                new Case(4, "HELLO username length 0", hello, edit(HELLO, b -> set(b, 2, 0)), "length 0"),
                new Case(5, "HELLO username length 65", hello, edit(HELLO, b -> set(b, 2, 65)), "length 65"),
                new Case(6, "HELLO username invalid UTF-8", hello, edit(HELLO, b -> set(b, 3, 0xff)), "UTF-8"),
                new Case(7, "HELLO username with ':'", hello, edit(HELLO, b -> set(b, 3, ':')), "':'"),
                new Case(8, "CHALLENGE truncated in B", challenge, Arrays.copyOf(CHALLENGE, 100), "truncated at B"),
                new Case(9, "CHALLENGE trailing byte", challenge, Arrays.copyOf(CHALLENGE, CHALLENGE.length + 1),
                        "trailing"),
                new Case(10, "CHALLENGE argon2 parallelism 0", challenge, edit(CHALLENGE, b -> set(b, 27, 0)),
                        "parallelism"),
                new Case(11, "CHALLENGE argon2 iterations 0", challenge,
                        edit(CHALLENGE, b -> { set(b, 25, 0); set(b, 26, 0); }), "iterations"),
                new Case(12, "PROOF truncated in M1", proof, Arrays.copyOf(PROOF, 400), "truncated at M1"),
                new Case(13, "PROOF unknown suite", proof, edit(PROOF, b -> set(b, 421, 9)), "cipher suite code 9"),
                new Case(14, "PROOF data path length 0", proof, edit(PROOF, b -> set(b, 422, 0)), "length 0"),
                new Case(15, "PROOF data path longer than body", proof, edit(PROOF, b -> set(b, 422, 30)),
                        "truncated at data path"),
                new Case(16, "PROOF data path not printable", proof, edit(PROOF, b -> set(b, 423, ' ')), "printable"),
                new Case(17, "ACCEPT prefix length 33", accept, edit(ACCEPT, b -> set(b, 45, 33)), "prefix length 33"),
                new Case(18, "ACCEPT without MAC", accept, Arrays.copyOf(ACCEPT, ACCEPT.length - 32), "truncated at MAC"),
                new Case(19, "ACCEPT unknown suite", accept, edit(ACCEPT, b -> set(b, 48, 200)), "suite code 200"),
                new Case(20, "REJECT unknown reason", reject, edit(REJECT, b -> set(b, 5, 0)), "reason code 0"),
                new Case(21, "REJECT truncated", reject, Arrays.copyOf(REJECT, 3), "truncated at handshake id"),
                new Case(22, "REJECT trailing byte", reject, Arrays.copyOf(REJECT, 23), "trailing"),
                new Case(23, "only a type byte", proof, new byte[] {3}, "truncated at handshake id"),
                new Case(24, "HELLO cookie length 3", hello, edit(HELLO, b -> set(b, 24, 3)), "cookie length 3"),
                new Case(25, "REJECT of version 1", reject, LoginMessages.encodeLegacyReject(RejectReason.AUTH_FAILED),
                        "truncated at client nonce"),
                new Case(26, "COOKIE truncated", LoginMessages::decodeCookie, Arrays.copyOf(COOKIE, 20),
                        "truncated at cookie"),
                new Case(27, "CHALLENGE without the echoed nonce", challenge, Arrays.copyOf(CHALLENGE, 428),
                        "truncated at client nonce"));
        return cases.stream();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("malformed")
    void malformedInputIsRejectedWithAClearMessage(Case c) {
        MalformedLoginMessageException e = assertThrows(MalformedLoginMessageException.class,
                () -> c.decoder().decode(c.body()));
        assertTrue(e.getMessage().contains(c.expectedMessagePart()),
                "#" + c.number() + " message was: " + e.getMessage());
    }

    @Property(tries = 300)
    void decodersThrowOnlyMalformedOnArbitraryBytes(@ForAll @Size(max = 1200) byte[] body) {
        for (Decoder decoder : List.<Decoder>of(LoginMessages::decodeHello, LoginMessages::decodeChallenge,
                LoginMessages::decodeProof, LoginMessages::decodeAccept, LoginMessages::decodeReject,
                LoginMessages::decodeCookie)) {
            try {
                decoder.decode(body);
            } catch (MalformedLoginMessageException expected) {
                // fine
            }
        }
    }

    @Property(tries = 200)
    void decodersThrowOnlyMalformedOnMutatedValidMessages(@ForAll int position, @ForAll byte value) {
        for (byte[] valid : List.of(HELLO, COOKIE, CHALLENGE, PROOF, ACCEPT, REJECT)) {
            byte[] body = valid.clone();
            body[Math.floorMod(position, body.length)] = value;
            byte[] truncated = Arrays.copyOf(valid, Math.floorMod(position, valid.length));
            for (byte[] input : List.of(body, truncated)) {
                for (Decoder decoder : List.<Decoder>of(LoginMessages::decodeHello, LoginMessages::decodeChallenge,
                        LoginMessages::decodeProof, LoginMessages::decodeAccept, LoginMessages::decodeReject,
                LoginMessages::decodeCookie)) {
                    try {
                        decoder.decode(input);
                    } catch (MalformedLoginMessageException expected) {
                        // fine
                    }
                }
            }
        }
    }

    private static byte[] withMac(byte[] withoutMac) {
        byte[] out = Arrays.copyOf(withoutMac, withoutMac.length + 32);
        Arrays.fill(out, withoutMac.length, out.length, (byte) 9);
        return out;
    }

    private static byte[] edit(byte[] original, java.util.function.Consumer<byte[]> change) {
        byte[] copy = original.clone();
        change.accept(copy);
        return copy;
    }

    private static void set(byte[] body, int index, int value) {
        body[index] = (byte) value;
    }

    static byte[] filled(int length, int value) {
        byte[] out = new byte[length];
        Arrays.fill(out, (byte) value);
        return out;
    }
}
