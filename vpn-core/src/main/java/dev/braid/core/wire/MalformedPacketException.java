package dev.braid.core.wire;

/**
 * A datagram that cannot be parsed. Thrown by codecs only; the receive pipeline catches it,
 * counts it under its {@link DropReason} and drops the datagram.
 */
public final class MalformedPacketException extends RuntimeException {
    private final DropReason reason;

    public MalformedPacketException(DropReason reason, String message) {
        super(message, null, false, false);
        this.reason = reason;
    }

    public DropReason reason() {
        return reason;
    }
}
