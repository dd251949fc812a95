package dev.braid.multilink.protocol;

/**
 * 32-bit serial-number arithmetic (RFC 1982, SERIAL_BITS = 32) and reconstruction of a 64-bit
 * counter from its truncated 32-bit wire form. Counters in Braid are 64-bit {@code long}s that
 * start at 0 and never wrap; only the wire carries 32 bits.
 */
public final class SeqNum {
    /** 2^32: the modulus of every wire sequence number and timestamp. */
    public static final long MODULUS = 1L << 32;

    private SeqNum() {
    }

    /** Signed distance {@code a - b} taken mod 2^32, in [-2^31, 2^31 - 1]. */
    public static int diff(int a, int b) {
        return a - b;
    }

    /**
     * RFC 1982 §3.2 "less than": true iff a != b and b is ahead of a by less than 2^31. When the
     * distance is exactly 2^31 the comparison is undefined by the RFC; this returns false both
     * ways.
     */
    public static boolean lessThan(int a, int b) {
        int d = b - a;
        return d > 0;
    }

    /** RFC 1982 "greater than"; see {@link #lessThan}. */
    public static boolean greaterThan(int a, int b) {
        return lessThan(b, a);
    }

    /**
     * Comparator-style comparison: sign of the serial distance; 0 when equal. For the undefined
     * distance 2^31 it returns 0 (neither is ahead), matching {@link #lessThan}.
     */
    public static int compare(int a, int b) {
        if (lessThan(a, b)) {
            return -1;
        }
        return lessThan(b, a) ? 1 : 0;
    }

    /** Low 32 bits of a 64-bit counter, as sent on the wire. */
    public static int truncate(long counter) {
        return (int) counter;
    }

    /** A wire value read as unsigned. */
    public static long toUnsigned(int wire) {
        return wire & 0xFFFF_FFFFL;
    }

    /**
     * The 64-bit value whose low 32 bits are {@code wire} and which is nearest to
     * {@code reference}: reference + signed 32-bit distance, so the result lies in
     * [reference - 2^31, reference + 2^31 - 1]. May be negative when reference is near 0 (a
     * value "before the start"; callers treat it as too old).
     */
    public static long unwrap(int wire, long reference) {
        return reference + (wire - (int) reference);
    }
}
