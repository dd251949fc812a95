package dev.braid.core.crypto;

/**
 * Restores a 64-bit packet counter from the low 32 bits the header carries, as QUIC restores
 * packet numbers (RFC 9000, appendix A.3): the candidate nearest to the one after the highest
 * counter accepted on that link. Right as long as fewer than 2^31 packets in a row are lost or
 * reordered on one link; a wrong guess only costs that packet, since the counter is the AEAD's
 * nonce and the tag then fails.
 */
public final class CounterExpansion {
    public static final int WIRE_BITS = 32;
    private static final long WINDOW = 1L << WIRE_BITS;
    private static final long HALF_WINDOW = WINDOW / 2;
    private static final long MASK = WINDOW - 1;

    private CounterExpansion() {}

    /** The low {@link #WIRE_BITS} bits of {@code counter}, as written on the wire. */
    public static long truncate(long counter) {
        return counter & MASK;
    }

    /**
     * @param highestAccepted the highest counter accepted on the link so far (0 before the first)
     * @param wireCounter     the header's counter, 0 .. 2^32-1
     */
    public static long expand(long highestAccepted, long wireCounter) {
        long expected = highestAccepted + 1;
        long candidate = (expected & ~MASK) | (wireCounter & MASK);
        if (candidate <= expected - HALF_WINDOW && candidate < Long.MAX_VALUE - WINDOW) {
            return candidate + WINDOW;
        }
        if (candidate > expected + HALF_WINDOW && candidate >= WINDOW) {
            return candidate - WINDOW;
        }
        return candidate;
    }
}
