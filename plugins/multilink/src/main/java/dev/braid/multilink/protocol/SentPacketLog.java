package dev.braid.multilink.protocol;

/**
 * The data packets one link has sent and not yet seen acked or lost, as a congestion control
 * tracks them: per link seq its send time, its state and optional {@code long} columns of the
 * control's own. Seqs {@code [tail, head)} live in rings indexed by {@code seq & mask} that double
 * when full. It walks an ack's ranges, applies RFC 4341's loss rule (a packet is lost once
 * {@link #NUMDUPACK} packets sent after it are acked), forgets everything on an RTO, and counts
 * what is in flight. Every seq is reported to the {@link PacketFates} once, acked or lost.
 */
final class SentPacketLog {
    /** Number of later acked packets that make an unacked packet lost (RFC 4341 §5). */
    static final int NUMDUPACK = 3;

    private static final byte OUTSTANDING = 0;
    private static final byte ACKED = 1;
    private static final byte LOST = 2;
    private static final int INITIAL_CAPACITY = 16;

    private long[] sentAt = new long[INITIAL_CAPACITY];
    private byte[] state = new byte[INITIAL_CAPACITY];
    private long[][] columns;
    private long tail;
    private long head;
    private long highAcked = -1;
    private long newestAcked = -1;
    private int pipe;

    /** A log with {@code extraColumns} {@code long} values per seq ({@link #set}, {@link #get}). */
    SentPacketLog(int extraColumns) {
        columns = new long[extraColumns][INITIAL_CAPACITY];
    }

    /** Records the next link seq ({@link #head()}) as sent at {@code nowNanos}; seqs must be consecutive. */
    void add(long linkSeq, long nowNanos) {
        if (linkSeq != head) {
            throw new IllegalArgumentException("link seq " + linkSeq + " sent, expected " + head);
        }
        ensureCapacity();
        int i = index(head);
        sentAt[i] = nowNanos;
        state[i] = OUTSTANDING;
        head++;
        pipe++;
    }

    void set(int column, long linkSeq, long value) {
        columns[column][index(linkSeq)] = value;
    }

    long get(int column, long linkSeq) {
        return columns[column][index(linkSeq)];
    }

    long sentAt(long linkSeq) {
        return sentAt[index(linkSeq)];
    }

    /** Whether {@code linkSeq} was ever sent (an ack of anything else is bogus). */
    boolean wasSent(long linkSeq) {
        return linkSeq >= 0 && linkSeq < head;
    }

    /** Whether {@code linkSeq} was sent, and neither acked nor lost yet. */
    boolean isOutstanding(long linkSeq) {
        return linkSeq >= tail && linkSeq < head && state[index(linkSeq)] == OUTSTANDING;
    }

    /**
     * Marks every outstanding seq in the ack's ranges acked, highest first, telling {@code fates}
     * of each.
     *
     * @return how many were newly acked ({@link #newestAcked()} is the highest of them)
     */
    int ack(AckInfo ack, PacketFates fates) {
        int newlyAcked = 0;
        newestAcked = -1;
        for (int r = 0; r < ack.rangeCount(); r++) {
            long hi = Math.min(ack.rangeHigh(r), head - 1);
            long lo = Math.max(ack.rangeLow(r), tail);
            for (long s = hi; s >= lo; s--) {
                int i = index(s);
                if (state[i] != OUTSTANDING) {
                    continue;
                }
                state[i] = ACKED;
                pipe--;
                newlyAcked++;
                newestAcked = Math.max(newestAcked, s);
                fates.acked(s);
            }
        }
        highAcked = Math.max(highAcked, newestAcked);
        return newlyAcked;
    }

    /** The highest seq ever acked; -1 before the first. */
    long highAcked() {
        return highAcked;
    }

    /** The highest seq the latest {@link #ack} newly acked; -1 if it acked none. */
    long newestAcked() {
        return newestAcked;
    }

    /**
     * Declares lost, oldest first, every outstanding seq below the {@link #NUMDUPACK}-th highest
     * acked one, telling {@code fates} of each.
     *
     * @return how many were declared lost
     */
    int detectLosses(PacketFates fates) {
        long boundary = lossBoundary();
        int lost = 0;
        for (long s = tail; s < boundary; s++) {
            int i = index(s);
            if (state[i] == OUTSTANDING) {
                state[i] = LOST;
                pipe--;
                lost++;
                fates.lost(s);
            }
        }
        return lost;
    }

    private long lossBoundary() {
        int seen = 0;
        for (long s = Math.min(highAcked, head - 1); s >= tail; s--) {
            if (state[index(s)] == ACKED && ++seen == NUMDUPACK) {
                return s;
            }
        }
        return tail;
    }

    /**
     * An RTO: every outstanding seq is reported lost, oldest first, and the whole log forgotten.
     *
     * @return how many were lost
     */
    int loseAll(PacketFates fates) {
        int lost = 0;
        for (long s = tail; s < head; s++) {
            if (state[index(s)] == OUTSTANDING) {
                fates.lost(s);
                lost++;
            }
        }
        pipe = 0;
        tail = head;
        highAcked = head - 1;
        return lost;
    }

    /** Drops the acked and lost seqs at the tail, which no later ack or loss can concern. */
    void trim() {
        while (tail < head && state[index(tail)] != OUTSTANDING) {
            tail++;
        }
    }

    /** The next link seq to be sent. */
    long head() {
        return head;
    }

    /** Packets in flight: sent, neither acked nor lost. */
    int pipe() {
        return pipe;
    }

    /** Seqs still tracked (tail..head), for tests of bounded state. */
    int size() {
        return (int) (head - tail);
    }

    /** Seqs the rings hold now (they double as the window grows). */
    int capacity() {
        return sentAt.length;
    }

    /** Gives grown rings back when no seq is tracked (an idle link); true if memory was released. */
    boolean releaseIdle() {
        if (head != tail || sentAt.length == INITIAL_CAPACITY) {
            return false;
        }
        sentAt = new long[INITIAL_CAPACITY];
        state = new byte[INITIAL_CAPACITY];
        columns = new long[columns.length][INITIAL_CAPACITY];
        return true;
    }

    private void ensureCapacity() {
        if (head - tail < sentAt.length) {
            return;
        }
        int n = sentAt.length * 2;
        byte[] newState = new byte[n];
        for (long s = tail; s < head; s++) {
            newState[(int) (s & (n - 1))] = state[index(s)];
        }
        long[][] newColumns = new long[columns.length][];
        for (int c = 0; c < columns.length; c++) {
            newColumns[c] = grow(columns[c], n);
        }
        long[] newSentAt = grow(sentAt, n); // last: index() follows sentAt's length
        state = newState;
        columns = newColumns;
        sentAt = newSentAt;
    }

    /** A ring of {@code n} slots holding {@code ring}'s values of seqs [tail, head); the mask is still the old one. */
    private long[] grow(long[] ring, int n) {
        long[] grown = new long[n];
        for (long s = tail; s < head; s++) {
            grown[(int) (s & (n - 1))] = ring[index(s)];
        }
        return grown;
    }

    private int index(long seq) {
        return (int) (seq & (sentAt.length - 1));
    }
}
