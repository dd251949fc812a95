package dev.braid.snat;

/** SNAT set-up failed; the message is one sentence for the operator. */
public final class SnatException extends Exception {

    public SnatException(String message) {
        super(message);
    }

    public SnatException(String message, Throwable cause) {
        super(message, cause);
    }
}
