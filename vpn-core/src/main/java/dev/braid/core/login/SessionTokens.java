package dev.braid.core.login;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * Derives {@link SessionToken}s statelessly: HMAC-SHA256(server secret, label ‖ session id), cut
 * to 16 bytes. The proxy's login and its UNKNOWN_SESSION replies make the same token from the
 * same secret, which survives restarts (it is kept beside the users file).
 */
public final class SessionTokens {

    private static final byte[] LABEL = "braid unknown-session token".getBytes(StandardCharsets.US_ASCII);

    private final byte[] secret;

    public SessionTokens(byte[] serverSecret) {
        if (serverSecret.length < 16) {
            throw new IllegalArgumentException("server secret must be at least 16 bytes");
        }
        this.secret = serverSecret.clone();
    }

    public SessionToken forSession(int sessionId) {
        byte[] id = ByteBuffer.allocate(4).putInt(sessionId).array();
        return new SessionToken(Arrays.copyOf(Hmacs.sha256(secret, LABEL, id), SessionToken.LENGTH));
    }
}
