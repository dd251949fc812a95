package dev.braid.multilink.protocol;

/** One bit per seq of a window of a power-of-two length, indexed by {@code seq & (length - 1)}. */
final class SeqBits {
    private final long[] words;
    private final int mask;

    /** @param length a power of two */
    SeqBits(int length) {
        this.words = new long[Math.max(1, length >>> 6)];
        this.mask = length - 1;
    }

    boolean get(long seq) {
        int i = (int) (seq & mask);
        return (words[i >>> 6] & (1L << i)) != 0;
    }

    void set(long seq, boolean value) {
        int i = (int) (seq & mask);
        if (value) {
            words[i >>> 6] |= 1L << i;
        } else {
            words[i >>> 6] &= ~(1L << i);
        }
    }
}
