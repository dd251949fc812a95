package dev.braid.core.login;

/**
 * Why a client login ended without a session.
 *
 * @param reason  machine-readable cause
 * @param message one line for the user, e.g. "authentication failed for user alice"
 */
public record LoginFailure(Reason reason, String message) {

    public enum Reason {
        AUTH_FAILED, RATE_LIMITED, ENCRYPTION_REQUIRED, POOL_EXHAUSTED, UNSUPPORTED_VERSION, BAD_REQUEST,
        TOO_MANY_SESSIONS,
        /** The proxy kept answering BUSY (at capacity) until the client gave up for now. */
        BUSY,
        /** No answer after all retransmissions. */
        NO_ANSWER,
        /** The proxy's M2 or ACCEPT MAC did not verify: it does not know our verifier. */
        SERVER_NOT_AUTHENTIC,
        /** The CHALLENGE could not be used (invalid B, excessive Argon2 cost). */
        BAD_CHALLENGE
    }

    static LoginFailure rejected(RejectReason reject, String username) {
        return switch (reject) {
            case AUTH_FAILED -> new LoginFailure(Reason.AUTH_FAILED, "authentication failed for user " + username);
            case RATE_LIMITED -> new LoginFailure(Reason.RATE_LIMITED,
                    "proxy refused the login: too many attempts, try again later");
            case ENCRYPTION_REQUIRED -> new LoginFailure(Reason.ENCRYPTION_REQUIRED,
                    "proxy requires encryption: cipher suite 'none' was refused");
            case POOL_EXHAUSTED -> new LoginFailure(Reason.POOL_EXHAUSTED,
                    "proxy has no free session or address (its client-pool or max-sessions is full)");
            case TOO_MANY_SESSIONS -> new LoginFailure(Reason.TOO_MANY_SESSIONS, "user " + username
                    + " already has as many sessions as the proxy allows one user (max-sessions-per-user)");
            case UNSUPPORTED_VERSION -> new LoginFailure(Reason.UNSUPPORTED_VERSION,
                    "proxy does not support login protocol version " + LoginMessages.PROTOCOL_VERSION);
            case BAD_REQUEST -> new LoginFailure(Reason.BAD_REQUEST,
                    "proxy rejected the login request (expired handshake, unsupported suite or data path)");
        };
    }
}
