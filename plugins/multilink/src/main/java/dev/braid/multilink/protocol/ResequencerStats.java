package dev.braid.multilink.protocol;

/**
 * Resequencer counters. Every global seq below {@code nextExpected} was either delivered once or
 * counted in exactly one of the skipped counters.
 *
 * @param delivered         packets delivered
 * @param held              packets that had to wait in the buffer (arrived above a hole)
 * @param releasedByTimeout packets delivered by a hold-timeout release (1st/2nd/3rd expiry)
 * @param skippedAsLost     global seqs skipped because they provably cannot arrive (FIFO rule
 *                          or link-gap count rule)
 * @param skippedByTimeout  global seqs skipped by hold-timeout releases
 * @param skippedByOverflow global seqs skipped because the buffer was full
 * @param overflow          packets released early because the buffer was full
 * @param duplicates        arrivals discarded as duplicates
 * @param late              arrivals after their seq had been skipped (delivered out of order) or too old (discarded)
 * @param timeouts          hold-timeout expiries
 * @param repaired          packets that filled a hole after it was found lost (repairs, in time)
 * @param bufferedPackets   packets in the buffer now
 * @param bufferedBytes     bytes in the buffer now
 */
public record ResequencerStats(long delivered, long held, long releasedByTimeout,
                               long skippedAsLost, long skippedByTimeout, long skippedByOverflow,
                               long overflow, long duplicates, long late, long timeouts,
                               long repaired, int bufferedPackets, long bufferedBytes) {

    /** All skipped global seqs. */
    public long skipped() {
        return skippedAsLost + skippedByTimeout + skippedByOverflow;
    }
}
