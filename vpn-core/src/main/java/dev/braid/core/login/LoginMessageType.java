package dev.braid.core.login;

/** First byte of every login message body. */
public enum LoginMessageType {
    HELLO(1), CHALLENGE(2), PROOF(3), ACCEPT(4), REJECT(5),
    /** The proxy's answer to a HELLO without a valid cookie: repeat it with this cookie. */
    COOKIE(9),
    /** The proxy's answer to a HELLO when it is at capacity: send it again later (with jitter). */
    BUSY(10);

    private final int code;

    LoginMessageType(int code) {
        this.code = code;
    }

    public int code() {
        return code;
    }

    /** @return the type, or null for an unknown code */
    public static LoginMessageType fromCode(int code) {
        for (LoginMessageType type : values()) {
            if (type.code == code) {
                return type;
            }
        }
        return null;
    }

    /** The type of a body, or null when it is empty or unknown. */
    public static LoginMessageType of(byte[] body) {
        return body.length == 0 ? null : fromCode(body[0] & 0xff);
    }
}
