package dev.braid.core.login;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;

import dev.braid.core.crypto.Argon2Params;
import dev.braid.core.crypto.CipherSuite;
import dev.braid.core.crypto.Srp;
import dev.braid.core.testing.FuzzBytes;
import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.Tuple;

/**
 * Fuzz of the login message decoders (bodies from the network, before any authentication): any
 * bytes decode or fail with {@link MalformedLoginMessageException}, within bounded memory, and
 * every valid message survives encode -> decode.
 */
class LoginMessagesFuzzTest {

    /** One decoder, as the proxy and the client call them. */
    private interface Decoder {
        Object decode(byte[] body) throws MalformedLoginMessageException;
    }

    private static final List<Decoder> DECODERS = List.of(LoginMessages::decodeHello, LoginMessages::decodeCookie,
            LoginMessages::decodeChallenge, LoginMessages::decodeProof, LoginMessages::decodeAccept,
            LoginMessages::decodeReject);

    @Property
    void anyBodyDecodesOrIsRefusedAsMalformed(@ForAll("bodies") byte[] body) {
        for (Decoder decoder : DECODERS) {
            FuzzBytes.assertBoundedAllocation(body.length, () -> {
                try {
                    assertNotNull(decoder.decode(body));
                } catch (MalformedLoginMessageException e) {
                    assertFalse(e.getMessage().isBlank());
                }
            });
        }
    }

    @Property
    void helloRoundTrips(@ForAll("usernames") String username, @ForAll("nonces") byte[] nonce,
                         @ForAll("cookies") byte[] cookie) throws MalformedLoginMessageException {
        LoginMessages.Hello hello = LoginMessages.decodeHello(
                LoginMessages.encodeHello(LoginMessages.PROTOCOL_VERSION, username, nonce, cookie));
        assertEquals(username, hello.username());
        assertArrayEquals(nonce, hello.clientNonce());
        assertArrayEquals(cookie, hello.cookie());
    }

    @Property
    void cookieRoundTrips(@ForAll("nonces") byte[] nonce, @ForAll("nonces") byte[] cookie)
            throws MalformedLoginMessageException {
        LoginMessages.Cookie decoded = LoginMessages.decodeCookie(LoginMessages.encodeCookie(nonce, cookie));
        assertArrayEquals(nonce, decoded.clientNonce());
        assertArrayEquals(cookie, decoded.cookie());
    }

    @Property
    void challengeRoundTrips(@ForAll int id, @ForAll("nonces") byte[] salt, @ForAll("argon2") Argon2Params argon2,
                             @ForAll("publicValues") byte[] b, @ForAll("nonces") byte[] serverNonce,
                             @ForAll("nonces") byte[] clientNonce) throws MalformedLoginMessageException {
        LoginMessages.Challenge c = LoginMessages.decodeChallenge(
                LoginMessages.encodeChallenge(id, salt, argon2, b, serverNonce, clientNonce));
        assertEquals(id, c.handshakeId());
        assertArrayEquals(salt, c.salt());
        assertEquals(argon2, c.argon2());
        assertArrayEquals(b, c.b());
        assertArrayEquals(serverNonce, c.serverNonce());
        assertArrayEquals(clientNonce, c.clientNonce());
    }

    @Property
    void proofRoundTrips(@ForAll int id, @ForAll("publicValues") byte[] a, @ForAll("hashes") byte[] m1,
                         @ForAll CipherSuite suite, @ForAll("dataPaths") String dataPath)
            throws MalformedLoginMessageException {
        LoginMessages.Proof p = LoginMessages.decodeProof(LoginMessages.encodeProof(id, a, m1, suite, dataPath));
        assertEquals(id, p.handshakeId());
        assertArrayEquals(a, p.a());
        assertArrayEquals(m1, p.m1());
        assertEquals(suite, p.suite());
        assertEquals(dataPath, p.dataPath());
    }

    @Property
    void acceptRoundTrips(@ForAll int id, @ForAll("hashes") byte[] m2, @ForAll("parameters") SessionParameters p,
                          @ForAll("hashes") byte[] mac) throws MalformedLoginMessageException {
        byte[] withoutMac = LoginMessages.encodeAcceptWithoutMac(id, m2, p);
        LoginMessages.Accept accept = LoginMessages.decodeAccept(concat(withoutMac, mac));
        assertEquals(id, accept.handshakeId());
        assertArrayEquals(m2, accept.m2());
        assertEquals(p, accept.parameters());
        assertArrayEquals(mac, accept.mac());
        assertArrayEquals(withoutMac, accept.macInput());
    }

    @Property
    void rejectRoundTrips(@ForAll int id, @ForAll RejectReason reason, @ForAll("nonces") byte[] nonce)
            throws MalformedLoginMessageException {
        LoginMessages.Reject r = LoginMessages.decodeReject(LoginMessages.encodeReject(id, reason, nonce));
        assertEquals(id, r.handshakeId());
        assertEquals(reason, r.reason());
        assertArrayEquals(nonce, r.clientNonce());
    }

    // ---------------------------------------------------------------- generators

    @Provide
    Arbitrary<byte[]> bodies() {
        return FuzzBytes.around(Arbitraries.oneOf(hellos(), cookieMessages(), challenges(), proofs(), accepts(),
                rejects()), 1300);
    }

    /** Every message, valid fields with random values; shared with {@link ClientLoginFuzzTest}. */
    static Arbitrary<byte[]> hellos() {
        return Combinators.combine(Arbitraries.frequency(Tuple.of(9, LoginMessages.PROTOCOL_VERSION), Tuple.of(1, 1)),
                        usernameStrings(), nonceBytes(), cookieBytes())
                .as(LoginMessages::encodeHello);
    }

    static Arbitrary<byte[]> cookieMessages() {
        return Combinators.combine(nonceBytes(), nonceBytes()).as(LoginMessages::encodeCookie);
    }

    static Arbitrary<byte[]> challenges() {
        return Combinators.combine(Arbitraries.integers(), nonceBytes(), argon2Params(), fixed(Srp.PUBLIC_VALUE_LENGTH),
                nonceBytes(), nonceBytes()).as(LoginMessages::encodeChallenge);
    }

    static Arbitrary<byte[]> proofs() {
        return Combinators.combine(Arbitraries.integers(), fixed(Srp.PUBLIC_VALUE_LENGTH), fixed(Srp.HASH_LENGTH),
                Arbitraries.of(CipherSuite.class), dataPathStrings()).as(LoginMessages::encodeProof);
    }

    static Arbitrary<byte[]> accepts() {
        return Combinators.combine(Arbitraries.integers(), fixed(Srp.HASH_LENGTH), sessionParameters(),
                fixed(LoginMessages.MAC_LENGTH)).as((id, m2, p, mac) -> concat(LoginMessages.encodeAcceptWithoutMac(id,
                m2, p), mac));
    }

    static Arbitrary<byte[]> rejects() {
        return Combinators.combine(Arbitraries.integers(), Arbitraries.of(RejectReason.class), nonceBytes())
                .as(LoginMessages::encodeReject);
    }

    @Provide
    Arbitrary<String> usernames() {
        return usernameStrings();
    }

    @Provide
    Arbitrary<byte[]> nonces() {
        return nonceBytes();
    }

    @Provide
    Arbitrary<byte[]> cookies() {
        return cookieBytes();
    }

    @Provide
    Arbitrary<Argon2Params> argon2() {
        return argon2Params();
    }

    @Provide
    Arbitrary<byte[]> publicValues() {
        return fixed(Srp.PUBLIC_VALUE_LENGTH);
    }

    @Provide
    Arbitrary<byte[]> hashes() {
        return fixed(Srp.HASH_LENGTH);
    }

    @Provide
    Arbitrary<String> dataPaths() {
        return dataPathStrings();
    }

    @Provide
    Arbitrary<SessionParameters> parameters() {
        return sessionParameters();
    }

    /** Valid user names: printable ASCII, and any Unicode that passes the rule. */
    static Arbitrary<String> usernameStrings() {
        return Arbitraries.oneOf(Arbitraries.strings().withCharRange('!', '~').ofMinLength(1).ofMaxLength(64),
                        Arbitraries.strings().ofMinLength(1).ofMaxLength(16))
                .filter(name -> Usernames.problem(name) == null);
    }

    static Arbitrary<byte[]> nonceBytes() {
        return fixed(LoginMessages.NONCE_LENGTH);
    }

    private static Arbitrary<byte[]> cookieBytes() {
        return Arbitraries.oneOf(Arbitraries.just(new byte[0]), fixed(LoginMessages.COOKIE_LENGTH));
    }

    /** Any Argon2 cost the wire can carry. */
    static Arbitrary<Argon2Params> argon2Params() {
        return Combinators.combine(Arbitraries.integers().between(8, Integer.MAX_VALUE),
                        Arbitraries.integers().between(1, Argon2Params.MAX_ITERATIONS), Arbitraries.integers().between(1, 255))
                .as((memory, iterations, parallelism) -> new Argon2Params(Math.max(memory, 8 * parallelism), iterations,
                        parallelism));
    }

    static Arbitrary<byte[]> fixed(int length) {
        return Arbitraries.bytes().array(byte[].class).ofSize(length);
    }

    private static Arbitrary<String> dataPathStrings() {
        return Arbitraries.strings().withCharRange('!', '~').ofMinLength(1).ofMaxLength(LoginMessages.MAX_DATA_PATH_BYTES);
    }

    private static Arbitrary<SessionParameters> sessionParameters() {
        Arbitrary<Duration> millis = Arbitraries.longs().between(0, 0xffff_ffffL).map(Duration::ofMillis);
        Arbitrary<Inet4Address> address = fixed(4).map(LoginMessagesFuzzTest::ipv4);
        Arbitrary<Tuple.Tuple2<Integer, SessionToken>> idAndToken = Combinators.combine(Arbitraries.integers(),
                fixed(SessionToken.LENGTH).map(SessionToken::new)).as(Tuple::of);
        return Combinators.combine(idAndToken, address, Arbitraries.integers().between(0, 32),
                        Arbitraries.integers().between(0, 0xffff), Arbitraries.of(CipherSuite.class), dataPathStrings(),
                        millis, millis)
                .as((id, ip, prefix, mtu, suite, path, keepalive, idle) -> new SessionParameters(id.get1(), ip, prefix,
                        mtu, suite, path, keepalive, idle, id.get2()));
    }

    private static Inet4Address ipv4(byte[] raw) {
        try {
            return (Inet4Address) InetAddress.getByAddress(raw);
        } catch (UnknownHostException e) {
            throw new AssertionError(e);
        }
    }

    static byte[] concat(byte[] a, byte[] b) {
        byte[] out = Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
    }
}
