package dev.braid.core.crypto;

/**
 * Sliding anti-replay window of RFC 6479: a ring of 64-bit blocks, one bit per counter. Moving
 * forward clears whole blocks instead of shifting bits, so the cost is O(1) per packet. The window
 * covers {@code (blocks - 1) * 64} counters behind the highest one seen (the newest block is
 * partially filled); the default 128 blocks give 8128.
 *
 * <p>Counters are unsigned 64-bit values. Call {@link #accept} only AFTER the packet authenticated,
 * otherwise forged counters could move the window. Not thread-safe.
 */
public final class ReplayWindow {

    public static final int DEFAULT_BLOCKS = 128;
    /** Default limit: every counter below 2^64-1 may be accepted (the sender never uses 2^64-1). */
    public static final long NO_LIMIT = -1L;

    private static final int BLOCK_BIT_LOG = 6;
    private static final int BLOCK_BITS = 1 << BLOCK_BIT_LOG;

    private final long[] ring;
    private final int blockMask;
    private final long windowSize;
    private final long rejectAfter;
    private long last;

    public ReplayWindow() {
        this(DEFAULT_BLOCKS, NO_LIMIT);
    }

    /**
     * @param blocks      ring size in 64-bit blocks, a power of two >= 2
     * @param rejectAfter counters at or above this unsigned value are always rejected
     */
    public ReplayWindow(int blocks, long rejectAfter) {
        if (blocks < 2 || Integer.bitCount(blocks) != 1) {
            throw new IllegalArgumentException("replay window blocks must be a power of two >= 2, got " + blocks);
        }
        this.ring = new long[blocks];
        this.blockMask = blocks - 1;
        this.windowSize = (long) (blocks - 1) * BLOCK_BITS;
        this.rejectAfter = rejectAfter;
    }

    /** Number of counters behind the highest seen that are still tracked. */
    public long windowSize() {
        return windowSize;
    }

    /** The highest counter accepted so far; 0 before the first. */
    public long highest() {
        return last;
    }

    /** Forgets everything (as after a fresh key with fresh counters). */
    public void reset() {
        last = 0;
        java.util.Arrays.fill(ring, 0L);
    }

    /**
     * @return true if {@code counter} (unsigned) was not seen before and is inside the window; it is
     *         then marked as seen
     */
    public boolean accept(long counter) {
        if (Long.compareUnsigned(counter, rejectAfter) >= 0) {
            return false;
        }
        long blockIndex = counter >>> BLOCK_BIT_LOG;
        if (Long.compareUnsigned(counter, last) > 0) {
            // Move forward: clear the blocks skipped over (at most the whole ring).
            long current = last >>> BLOCK_BIT_LOG;
            long diff = Math.min(blockIndex - current, ring.length);
            for (long i = current + 1; i <= current + diff; i++) {
                ring[(int) (i & blockMask)] = 0L;
            }
            last = counter;
        } else if (Long.compareUnsigned(last - counter, windowSize) > 0) {
            return false;
        }
        int slot = (int) (blockIndex & blockMask);
        long bit = 1L << (counter & (BLOCK_BITS - 1));
        long old = ring[slot];
        ring[slot] = old | bit;
        return (old & bit) == 0;
    }
}
