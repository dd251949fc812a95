package dev.braid.core.login;

import dev.braid.core.crypto.Argon2Params;
import dev.braid.core.crypto.CipherSuite;
import dev.braid.core.crypto.Srp;
import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;

/**
 * Login message bodies (the caller adds and strips the 12-byte Braid header). All integers are
 * big-endian; the first byte is the {@link LoginMessageType} code.
 *
 * <pre>
 * HELLO     type, version u8 (2), username (u8 len, 1..64 B UTF-8), client nonce 16,
 *           cookie (u8 len 0 or 16, bytes), features u8 (bit 0: the client understands BUSY,
 *           bit 1: it reads ACCEPT extensions), zero padding so the body is at least 1150 bytes
 *           (so no answer can exceed the request)
 * COOKIE    type, client nonce 16 (echoed), cookie 16                              (33 bytes)
 * CHALLENGE type, handshake id u32, salt 16, argon2 memory KiB u32, iterations u16,
 *           parallelism u8, B 384, server nonce 16, client nonce 16 (echoed)       (444 bytes)
 * PROOF     type, handshake id u32, A 384, M1 32, suite u8, data path (u8 len, 1..32 B)
 * ACCEPT    type, handshake id u32, M2 32, session id u32, virtual IPv4 4, prefix u8, MTU u16,
 *           suite u8, data path (u8 len, 1..32 B), keepalive ms u32, idle timeout ms u32,
 *           session token 16, extensions, HMAC-SHA256(confirmation key, all preceding bytes) 32
 * REJECT    type, handshake id u32 (0 when answering a HELLO), reason u8,
 *           client nonce 16 (echoed; zero when the proxy does not know it)          (22 bytes)
 * BUSY      type, retry after ms u32, client nonce 16 (echoed)                     (21 bytes)
 * </pre>
 * Extensions of ACCEPT: zero or more (type u8, length u8, value); a decoder skips types it does
 * not know. Type 1 ({@link #EXT_IPV6}): the client's IPv6 address 16, prefix u8; types 2-4 the
 * pushed routes, DNS servers and search domains ({@link PushedConfigExtensions}). The proxy sends
 * extensions only to a client whose HELLO set {@link #FEATURE_ACCEPT_EXTENSIONS} in features, a
 * byte older clients leave zero (it was padding), so an older client gets the ACCEPT it knows.
 * Every answer echoes something an off-path stranger cannot know (the client nonce, or the
 * handshake id the CHALLENGE gave), so the client can refuse forged ones. A version-1 HELLO is
 * answered with the 6-byte version-1 REJECT, so an old client says what is wrong.
 */
public final class LoginMessages {

    public static final int PROTOCOL_VERSION = 2;
    public static final int MIN_HELLO_LENGTH = 1150;
    public static final int NONCE_LENGTH = 16;
    public static final int SALT_LENGTH = 16;
    public static final int MAC_LENGTH = 32;
    public static final int MAX_DATA_PATH_BYTES = 32;
    public static final int COOKIE_LENGTH = 16;
    public static final int REJECT_LENGTH = 1 + 4 + 1 + NONCE_LENGTH;
    /** The version-1 REJECT: type, handshake id 0, reason. */
    public static final int LEGACY_REJECT_LENGTH = 6;
    public static final int BUSY_LENGTH = 1 + 4 + NONCE_LENGTH;
    /** HELLO features bit: the client backs off on BUSY (older clients send 0 there, as padding). */
    public static final int FEATURE_BUSY = 1;
    private static final byte[] NO_NONCE = new byte[NONCE_LENGTH];
    /** HELLO features bit: this client reads ACCEPT extensions. */
    public static final int FEATURE_ACCEPT_EXTENSIONS = 2;
    /** ACCEPT extension: the client's IPv6 address and prefix length. */
    static final int EXT_IPV6 = 1;
    private static final int EXT_IPV6_LENGTH = 16 + 1;

    private LoginMessages() {
    }

    /** {@code cookie} is empty when the HELLO carries none; {@code features} a bit set, 0 from older clients. */
    public record Hello(int version, String username, byte[] clientNonce, byte[] cookie, int features) {
        public Hello(int version, String username, byte[] clientNonce, byte[] cookie) {
            this(version, username, clientNonce, cookie, 0);
        }

        /** Whether the client backs off on BUSY; an older one would ignore it and time out. */
        public boolean understandsBusy() {
            return (features & FEATURE_BUSY) != 0;
        }

        public boolean readsAcceptExtensions() {
            return (features & FEATURE_ACCEPT_EXTENSIONS) != 0;
        }
    }

    /** The proxy is at capacity: send the HELLO again after {@code retryAfter} (plus the client's jitter). */
    public record Busy(Duration retryAfter, byte[] clientNonce) {
    }

    public record Cookie(byte[] clientNonce, byte[] cookie) {
    }

    public record Challenge(int handshakeId, byte[] salt, Argon2Params argon2, byte[] b, byte[] serverNonce,
                            byte[] clientNonce) {
    }

    public record Proof(int handshakeId, byte[] a, byte[] m1, CipherSuite suite, String dataPath) {
    }

    /** {@code macInput} is the encoded body without the MAC (what the MAC covers). */
    public record Accept(int handshakeId, byte[] m2, SessionParameters parameters, byte[] mac, byte[] macInput) {
    }

    /** {@code clientNonce} is all zero when the proxy did not know it. */
    public record Reject(int handshakeId, RejectReason reason, byte[] clientNonce) {
    }

    // ---- encoding ----

    /** A HELLO without a cookie. */
    public static byte[] encodeHello(int version, String username, byte[] clientNonce) {
        return encodeHello(version, username, clientNonce, new byte[0]);
    }

    /** A HELLO of this client, which understands BUSY. */
    public static byte[] encodeHello(int version, String username, byte[] clientNonce, byte[] cookie) {
        return encodeHello(version, username, clientNonce, cookie, FEATURE_BUSY | FEATURE_ACCEPT_EXTENSIONS);
    }

    /**
     * @param cookie   empty, or the {@code COOKIE_LENGTH} bytes of the proxy's COOKIE
     * @param features the bits this client announces ({@link #FEATURE_BUSY}, {@link #FEATURE_ACCEPT_EXTENSIONS})
     */
    public static byte[] encodeHello(int version, String username, byte[] clientNonce, byte[] cookie, int features) {
        byte[] name = Usernames.requireValid(username).getBytes(StandardCharsets.UTF_8);
        checkLength(clientNonce, NONCE_LENGTH, "client nonce");
        if (cookie.length != 0) {
            checkLength(cookie, COOKIE_LENGTH, "cookie");
        }
        ByteBuffer out = ByteBuffer.allocate(MIN_HELLO_LENGTH);
        out.put((byte) LoginMessageType.HELLO.code()).put((byte) version).put((byte) name.length).put(name)
                .put(clientNonce).put((byte) cookie.length).put(cookie).put((byte) features);
        return out.array(); // the rest is zero padding
    }

    public static byte[] encodeCookie(byte[] clientNonce, byte[] cookie) {
        checkLength(clientNonce, NONCE_LENGTH, "client nonce");
        checkLength(cookie, COOKIE_LENGTH, "cookie");
        return ByteBuffer.allocate(1 + NONCE_LENGTH + COOKIE_LENGTH).put((byte) LoginMessageType.COOKIE.code())
                .put(clientNonce).put(cookie).array();
    }

    public static byte[] encodeChallenge(int handshakeId, byte[] salt, Argon2Params argon2, byte[] b,
                                         byte[] serverNonce, byte[] clientNonce) {
        checkLength(salt, SALT_LENGTH, "salt");
        checkLength(b, Srp.PUBLIC_VALUE_LENGTH, "B");
        checkLength(serverNonce, NONCE_LENGTH, "server nonce");
        checkLength(clientNonce, NONCE_LENGTH, "client nonce");
        if (argon2.iterations() > 0xffff) {
            throw new IllegalArgumentException("argon2 iterations do not fit u16: " + argon2.iterations());
        }
        return ByteBuffer.allocate(1 + 4 + SALT_LENGTH + 7 + Srp.PUBLIC_VALUE_LENGTH + 2 * NONCE_LENGTH)
                .put((byte) LoginMessageType.CHALLENGE.code()).putInt(handshakeId).put(salt)
                .putInt(argon2.memoryKiB()).putShort((short) argon2.iterations()).put((byte) argon2.parallelism())
                .put(b).put(serverNonce).put(clientNonce).array();
    }

    public static byte[] encodeProof(int handshakeId, byte[] a, byte[] m1, CipherSuite suite, String dataPath) {
        checkLength(a, Srp.PUBLIC_VALUE_LENGTH, "A");
        checkLength(m1, Srp.HASH_LENGTH, "M1");
        byte[] path = dataPathBytes(dataPath);
        return ByteBuffer.allocate(1 + 4 + a.length + m1.length + 1 + 1 + path.length)
                .put((byte) LoginMessageType.PROOF.code()).putInt(handshakeId).put(a).put(m1)
                .put((byte) suite.wireCode()).put((byte) path.length).put(path).array();
    }

    /** Encodes ACCEPT without its MAC; append {@code MAC_LENGTH} bytes of HMAC over the result. */
    public static byte[] encodeAcceptWithoutMac(int handshakeId, byte[] m2, SessionParameters p) {
        checkLength(m2, Srp.HASH_LENGTH, "M2");
        byte[] path = dataPathBytes(p.dataPath());
        byte[] pushed = PushedConfigExtensions.encode(p.pushed());
        int extensions = (p.ipv6() == null ? 0 : 2 + EXT_IPV6_LENGTH) + pushed.length;
        ByteBuffer out = ByteBuffer.allocate(1 + 4 + m2.length + 4 + 4 + 1 + 2 + 1 + 1 + path.length + 4 + 4
                        + SessionToken.LENGTH + extensions)
                .put((byte) LoginMessageType.ACCEPT.code()).putInt(handshakeId).put(m2)
                .putInt(p.sessionId()).put(p.virtualAddress().getAddress()).put((byte) p.prefixLength())
                .putShort((short) p.tunnelMtu()).put((byte) p.suite().wireCode())
                .put((byte) path.length).put(path)
                .putInt(millisU32(p.keepaliveInterval())).putInt(millisU32(p.idleTimeout()))
                .put(p.sessionToken().bytes());
        if (p.ipv6() != null) {
            out.put((byte) EXT_IPV6).put((byte) EXT_IPV6_LENGTH).put(p.ipv6().address().getAddress())
                    .put((byte) p.ipv6().prefixLength());
        }
        out.put(pushed);
        return out.array();
    }

    /** @param clientNonce the nonce of the HELLO this answers, or null when the proxy does not know it */
    public static byte[] encodeReject(int handshakeId, RejectReason reason, byte[] clientNonce) {
        byte[] nonce = clientNonce == null ? NO_NONCE : clientNonce;
        checkLength(nonce, NONCE_LENGTH, "client nonce");
        return ByteBuffer.allocate(REJECT_LENGTH).put((byte) LoginMessageType.REJECT.code()).putInt(handshakeId)
                .put((byte) reason.code()).put(nonce).array();
    }

    public static byte[] encodeBusy(Duration retryAfter, byte[] clientNonce) {
        checkLength(clientNonce, NONCE_LENGTH, "client nonce");
        return ByteBuffer.allocate(BUSY_LENGTH).put((byte) LoginMessageType.BUSY.code())
                .putInt(millisU32(retryAfter)).put(clientNonce).array();
    }

    /** The version-1 REJECT, only to tell a version-1 client that its version is not supported. */
    public static byte[] encodeLegacyReject(RejectReason reason) {
        return ByteBuffer.allocate(LEGACY_REJECT_LENGTH).put((byte) LoginMessageType.REJECT.code()).putInt(0)
                .put((byte) reason.code()).array();
    }

    // ---- decoding ----

    public static Hello decodeHello(byte[] body) throws MalformedLoginMessageException {
        BodyReader in = open(body, LoginMessageType.HELLO);
        if (body.length < MIN_HELLO_LENGTH) {
            throw new MalformedLoginMessageException("HELLO: " + body.length + " bytes, padding requires at least "
                    + MIN_HELLO_LENGTH);
        }
        int version = in.u8("version");
        String username = in.string(1, Usernames.MAX_BYTES, "username");
        String problem = Usernames.problem(username);
        if (problem != null) {
            throw new MalformedLoginMessageException("HELLO: " + problem);
        }
        byte[] nonce = in.bytes(NONCE_LENGTH, "client nonce");
        if (version != PROTOCOL_VERSION) {
            return new Hello(version, username, nonce, new byte[0], 0); // the proxy refuses it by version
        }
        int cookieLength = in.u8("cookie length");
        if (cookieLength != 0 && cookieLength != COOKIE_LENGTH) {
            throw new MalformedLoginMessageException("HELLO: cookie length " + cookieLength + " is neither 0 nor "
                    + COOKIE_LENGTH);
        }
        byte[] cookie = in.bytes(cookieLength, "cookie");
        int features = in.u8("features");
        return new Hello(version, username, nonce, cookie, features); // padding content is ignored
    }

    public static Cookie decodeCookie(byte[] body) throws MalformedLoginMessageException {
        BodyReader in = open(body, LoginMessageType.COOKIE);
        byte[] nonce = in.bytes(NONCE_LENGTH, "client nonce");
        byte[] cookie = in.bytes(COOKIE_LENGTH, "cookie");
        in.end();
        return new Cookie(nonce, cookie);
    }

    public static Challenge decodeChallenge(byte[] body) throws MalformedLoginMessageException {
        BodyReader in = open(body, LoginMessageType.CHALLENGE);
        int handshakeId = in.u32("handshake id");
        byte[] salt = in.bytes(SALT_LENGTH, "salt");
        int memory = in.u32("argon2 memory");
        int iterations = in.u16("argon2 iterations");
        int parallelism = in.u8("argon2 parallelism");
        Argon2Params argon2;
        try {
            argon2 = new Argon2Params(memory, iterations, parallelism);
        } catch (IllegalArgumentException e) {
            throw new MalformedLoginMessageException("CHALLENGE: " + e.getMessage());
        }
        byte[] b = in.bytes(Srp.PUBLIC_VALUE_LENGTH, "B");
        byte[] nonce = in.bytes(NONCE_LENGTH, "server nonce");
        byte[] clientNonce = in.bytes(NONCE_LENGTH, "client nonce");
        in.end();
        return new Challenge(handshakeId, salt, argon2, b, nonce, clientNonce);
    }

    public static Proof decodeProof(byte[] body) throws MalformedLoginMessageException {
        BodyReader in = open(body, LoginMessageType.PROOF);
        int handshakeId = in.u32("handshake id");
        byte[] a = in.bytes(Srp.PUBLIC_VALUE_LENGTH, "A");
        byte[] m1 = in.bytes(Srp.HASH_LENGTH, "M1");
        CipherSuite suite = suite(in.u8("suite"), "PROOF");
        String dataPath = dataPath(in, "PROOF");
        in.end();
        return new Proof(handshakeId, a, m1, suite, dataPath);
    }

    public static Accept decodeAccept(byte[] body) throws MalformedLoginMessageException {
        BodyReader in = open(body, LoginMessageType.ACCEPT);
        int handshakeId = in.u32("handshake id");
        byte[] m2 = in.bytes(Srp.HASH_LENGTH, "M2");
        int sessionId = in.u32("session id");
        Inet4Address address = ipv4(in.bytes(4, "virtual address"));
        int prefix = in.u8("prefix length");
        if (prefix > 32) {
            throw new MalformedLoginMessageException("ACCEPT: prefix length " + prefix + " > 32");
        }
        int mtu = in.u16("tunnel MTU");
        CipherSuite suite = suite(in.u8("suite"), "ACCEPT");
        String dataPath = dataPath(in, "ACCEPT");
        Duration keepalive = Duration.ofMillis(Integer.toUnsignedLong(in.u32("keepalive")));
        Duration idle = Duration.ofMillis(Integer.toUnsignedLong(in.u32("idle timeout")));
        SessionToken token = new SessionToken(in.bytes(SessionToken.LENGTH, "session token"));
        Ipv6Assignment ipv6 = null;
        PushedConfigExtensions pushed = new PushedConfigExtensions();
        while (in.remaining() > MAC_LENGTH) {
            int type = in.u8("extension type");
            int length = in.u8("extension length");
            if (length > in.remaining() - MAC_LENGTH) {
                throw new MalformedLoginMessageException("ACCEPT: extension " + type + " of " + length
                        + " bytes runs into the MAC");
            }
            byte[] value = in.bytes(length, "extension");
            if (type == EXT_IPV6) {
                ipv6 = ipv6Extension(value);
            } else if (PushedConfigExtensions.knows(type)) {
                pushed.read(type, value);
            }
        }
        int macOffset = body.length - in.remaining();
        byte[] mac = in.bytes(MAC_LENGTH, "MAC");
        in.end();
        byte[] macInput = new byte[macOffset];
        System.arraycopy(body, 0, macInput, 0, macOffset);
        SessionParameters parameters = new SessionParameters(sessionId, address, prefix, mtu, suite, dataPath,
                keepalive, idle, token, ipv6, pushed.result());
        return new Accept(handshakeId, m2, parameters, mac, macInput);
    }

    public static Reject decodeReject(byte[] body) throws MalformedLoginMessageException {
        BodyReader in = open(body, LoginMessageType.REJECT);
        int handshakeId = in.u32("handshake id");
        int code = in.u8("reason");
        RejectReason reason = RejectReason.fromCode(code);
        if (reason == null) {
            throw new MalformedLoginMessageException("REJECT: unknown reason code " + code);
        }
        byte[] nonce = in.bytes(NONCE_LENGTH, "client nonce");
        in.end();
        return new Reject(handshakeId, reason, nonce);
    }

    public static Busy decodeBusy(byte[] body) throws MalformedLoginMessageException {
        BodyReader in = open(body, LoginMessageType.BUSY);
        Duration retryAfter = Duration.ofMillis(Integer.toUnsignedLong(in.u32("retry after")));
        byte[] nonce = in.bytes(NONCE_LENGTH, "client nonce");
        in.end();
        return new Busy(retryAfter, nonce);
    }

    // ---- helpers ----

    private static BodyReader open(byte[] body, LoginMessageType expected) throws MalformedLoginMessageException {
        if (body == null || body.length == 0) {
            throw new MalformedLoginMessageException(expected + ": empty body");
        }
        int code = body[0] & 0xff;
        if (code != expected.code()) {
            throw new MalformedLoginMessageException(expected + ": type code " + code + " is not " + expected.code());
        }
        BodyReader reader = new BodyReader(body, expected.name());
        reader.u8("type");
        return reader;
    }

    private static CipherSuite suite(int code, String message) throws MalformedLoginMessageException {
        CipherSuite suite = CipherSuite.fromWireCode(code);
        if (suite == null) {
            throw new MalformedLoginMessageException(message + ": unknown cipher suite code " + code);
        }
        return suite;
    }

    private static String dataPath(BodyReader in, String message) throws MalformedLoginMessageException {
        String path = in.string(1, MAX_DATA_PATH_BYTES, "data path");
        if (!path.chars().allMatch(c -> c > 0x20 && c < 0x7f)) {
            throw new MalformedLoginMessageException(message + ": data path must be printable ASCII");
        }
        return path;
    }

    private static byte[] dataPathBytes(String dataPath) {
        byte[] path = dataPath.getBytes(StandardCharsets.US_ASCII);
        if (path.length < 1 || path.length > MAX_DATA_PATH_BYTES
                || !dataPath.chars().allMatch(c -> c > 0x20 && c < 0x7f)) {
            throw new IllegalArgumentException("data path must be 1.." + MAX_DATA_PATH_BYTES
                    + " printable ASCII characters: '" + dataPath + "'");
        }
        return path;
    }

    private static Ipv6Assignment ipv6Extension(byte[] value) throws MalformedLoginMessageException {
        if (value.length != EXT_IPV6_LENGTH) {
            throw new MalformedLoginMessageException("ACCEPT: IPv6 extension of " + value.length + " bytes, not "
                    + EXT_IPV6_LENGTH);
        }
        int prefix = value[16] & 0xff;
        if (prefix < 64 || prefix > 128) {
            throw new MalformedLoginMessageException("ACCEPT: IPv6 prefix length " + prefix + " outside 64..128");
        }
        try {
            InetAddress address = InetAddress.getByAddress(Arrays.copyOf(value, 16));
            if (!(address instanceof Inet6Address v6)) {
                throw new MalformedLoginMessageException("ACCEPT: IPv6 extension holds an IPv4-mapped address");
            }
            return new Ipv6Assignment(v6, prefix);
        } catch (UnknownHostException e) {
            throw new IllegalStateException("16 bytes are always an IPv6 address", e);
        }
    }

    private static Inet4Address ipv4(byte[] raw) {
        try {
            return (Inet4Address) InetAddress.getByAddress(raw);
        } catch (UnknownHostException e) {
            throw new IllegalStateException("4 bytes are always an IPv4 address", e);
        }
    }

    private static int millisU32(Duration duration) {
        long millis = duration.toMillis();
        return (int) Math.min(Math.max(millis, 0), 0xffff_ffffL);
    }

    private static void checkLength(byte[] value, int length, String name) {
        if (value.length != length) {
            throw new IllegalArgumentException(name + " must be " + length + " bytes, got " + value.length);
        }
    }
}
