package dev.braid.core.login;

/** Why the proxy refused a login (u8 on the wire). */
public enum RejectReason {
    /** Wrong password or unknown user: deliberately indistinguishable. */
    AUTH_FAILED(1),
    /** Too many failures from this address or for this user, or too many handshakes in progress. */
    RATE_LIMITED(2),
    /** The client asked for cipher suite none and the proxy requires encryption. */
    ENCRYPTION_REQUIRED(3),
    /** No free session or virtual address. */
    POOL_EXHAUSTED(4),
    UNSUPPORTED_VERSION(5),
    /** Malformed message, unknown or expired handshake, unsupported suite or data path. */
    BAD_REQUEST(6),
    /** The user already has as many sessions as the proxy allows one user. */
    TOO_MANY_SESSIONS(7);

    private final int code;

    RejectReason(int code) {
        this.code = code;
    }

    public int code() {
        return code;
    }

    /** @return the reason, or null for an unknown code */
    public static RejectReason fromCode(int code) {
        for (RejectReason reason : values()) {
            if (reason.code == code) {
                return reason;
            }
        }
        return null;
    }
}
