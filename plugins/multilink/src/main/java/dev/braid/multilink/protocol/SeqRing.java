package dev.braid.multilink.protocol;

/**
 * Rings indexed by {@code seq & (length - 1)} that grow and shrink: moves the entries of a run of
 * consecutive seqs from one ring to another of a different power-of-two length, for any array
 * type, in at most three {@link System#arraycopy} runs.
 */
final class SeqRing {
    private SeqRing() {
    }

    /**
     * Copies the entries of seqs {@code [from, from + count)} from {@code src} (a ring of its
     * length) into {@code dst} (a ring of its length); {@code count} fits in both.
     */
    static void move(Object src, int srcLength, Object dst, int dstLength, long from, int count) {
        if (count > srcLength || count > dstLength) {
            throw new IllegalArgumentException(count + " seqs do not fit in rings of " + srcLength + " and " + dstLength);
        }
        for (int done = 0; done < count; ) {
            long seq = from + done;
            int si = (int) (seq & (srcLength - 1));
            int di = (int) (seq & (dstLength - 1));
            int run = Math.min(count - done, Math.min(srcLength - si, dstLength - di));
            System.arraycopy(src, si, dst, di, run);
            done += run;
        }
    }

    /** The smallest power of two at least {@code n} (n >= 1). */
    static int powerOfTwoAtLeast(int n) {
        return n <= 1 ? 1 : Integer.highestOneBit(n - 1) << 1;
    }
}
