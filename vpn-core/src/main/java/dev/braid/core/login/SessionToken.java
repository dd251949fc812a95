package dev.braid.core.login;

import java.security.MessageDigest;
import java.util.Arrays;
import java.util.HexFormat;

/**
 * The 16 bytes that make an UNKNOWN_SESSION authentic, like QUIC's stateless reset token
 * (RFC 9000 §10.3): the proxy derives it from its secret and the session id
 * ({@link SessionTokens}), hands it to the client inside the MACed ACCEPT, and can derive it
 * again after a restart that lost every session. A stranger who sees only the clear session id
 * cannot make one.
 */
public record SessionToken(byte[] bytes) {

    public static final int LENGTH = 16;

    public SessionToken {
        if (bytes.length != LENGTH) {
            throw new IllegalArgumentException("session token must be " + LENGTH + " bytes, got " + bytes.length);
        }
        bytes = bytes.clone();
    }

    @Override
    public byte[] bytes() {
        return bytes.clone();
    }

    /** Constant-time comparison with a received token. */
    public boolean matches(byte[] candidate) {
        return MessageDigest.isEqual(bytes, candidate);
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof SessionToken token && MessageDigest.isEqual(bytes, token.bytes);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(bytes);
    }

    @Override
    public String toString() {
        return "SessionToken[" + HexFormat.of().formatHex(bytes, 0, 2) + "…]";
    }
}
