package dev.braid.multilink.protocol;

/** A wire message could not be decoded. Unchecked: callers on the data path count and drop. */
public final class MalformedMessageException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public MalformedMessageException(String reason) {
        super(reason);
    }
}
