package dev.braid.testbed.link;

/** A link spec string could not be understood; the message quotes the spec and the bad part. */
public final class LinkSpecException extends IllegalArgumentException {
    private static final long serialVersionUID = 1L;

    public LinkSpecException(String message) {
        super(message);
    }

    public LinkSpecException(String message, Throwable cause) {
        super(message, cause);
    }
}
