package dev.braid.core.wire;

/** The 4-bit message type in every Braid datagram's first byte. */
public enum MessageType {
    HELLO(1),
    CHALLENGE(2),
    PROOF(3),
    ACCEPT(4),
    REJECT(5),
    /** An inner IP packet (possibly preceded by a data-path header such as multilink's). */
    DATA(6),
    /** A control message: first body byte is a {@link ControlType} code (core or plugin). */
    CONTROL(7),
    /** The proxy's "I do not know this session" (log in again), authenticated by the session token. */
    UNKNOWN_SESSION(8),
    /** The proxy's answer to a HELLO without a valid cookie (login). */
    COOKIE(9),
    /** The proxy's answer to a HELLO when it is at capacity: retry later, with jitter (login). */
    BUSY(10);

    private static final MessageType[] BY_CODE = new MessageType[16];

    static {
        for (MessageType t : values()) {
            BY_CODE[t.code] = t;
        }
    }

    private final int code;

    MessageType(int code) {
        this.code = code;
    }

    public int code() {
        return code;
    }

    /** @return the type for a code, or null when the code is not assigned. */
    public static MessageType ofCode(int code) {
        return code >= 0 && code < BY_CODE.length ? BY_CODE[code] : null;
    }

    public boolean isHandshake() {
        return this == HELLO || this == CHALLENGE || this == PROOF || this == ACCEPT || this == REJECT
                || this == COOKIE || this == BUSY;
    }
}
