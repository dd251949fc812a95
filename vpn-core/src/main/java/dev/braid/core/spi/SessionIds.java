package dev.braid.core.spi;

/**
 * How a session id is written for people, everywhere (logs, status, JSON): unsigned decimal. The
 * id is 32 bits on the wire; Java's int would print half of them negative.
 */
public final class SessionIds {
    private SessionIds() {}

    public static String format(int sessionId) {
        return Integer.toUnsignedString(sessionId);
    }

    /** The id as the unsigned number JSON and metrics carry. */
    public static long unsigned(int sessionId) {
        return Integer.toUnsignedLong(sessionId);
    }
}
