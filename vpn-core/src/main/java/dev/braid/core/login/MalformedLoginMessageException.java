package dev.braid.core.login;

/** A login message body could not be decoded; the message names the field and the problem. */
public final class MalformedLoginMessageException extends Exception {
    private static final long serialVersionUID = 1L;

    public MalformedLoginMessageException(String message) {
        super(message);
    }
}
