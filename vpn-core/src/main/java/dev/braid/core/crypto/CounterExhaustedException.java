package dev.braid.core.crypto;

/** A link's send counter reached 2^64-1; the session must log in again (never happens in practice). */
public final class CounterExhaustedException extends IllegalStateException {
    private static final long serialVersionUID = 1L;

    public CounterExhaustedException(int linkId) {
        super("send counter of link " + Integer.toUnsignedString(linkId) + " exhausted");
    }
}
