package dev.braid.multilink.protocol;

import java.util.function.Consumer;

/**
 * Copies of the packets in flight on one link, by link seq, until the link's congestion control
 * reports them acked (the copy is freed) or lost (the copy goes to the repair queue). Seqs are
 * added consecutively; a ring grows as the window does.
 */
final class InFlightCopies<P> implements PacketFates {
    /** A packet that may be sent again: its global seq, flow tag, size and first send time stay. */
    record Copy<P>(long globalSeq, int flowTag, P packet, int bytes, long firstSentNanos) {
    }

    private final PacketCopier<P> copier;
    private final Consumer<Copy<P>> onLost;
    private static final int INITIAL_RING = 16;

    private Object[] ring = new Object[INITIAL_RING];
    private long tail;
    private long head;

    InFlightCopies(PacketCopier<P> copier, Consumer<Copy<P>> onLost) {
        this.copier = copier;
        this.onLost = onLost;
    }

    /**
     * Keeps a copy of the packet just sent with {@code linkSeq}; seqs rise, and those skipped
     * (packets sent without a copy) have none.
     */
    void add(long linkSeq, Copy<P> copy) {
        if (head == tail) {
            tail = linkSeq;
            head = linkSeq;
        } else if (linkSeq < head) {
            throw new IllegalArgumentException("link seq " + linkSeq + " kept, expected " + head + " or above");
        }
        ensureCapacity(linkSeq + 1);
        head = linkSeq + 1;
        ring[index(linkSeq)] = copy;
    }

    @Override
    public void acked(long linkSeq) {
        Copy<P> c = take(linkSeq);
        if (c != null) {
            copier.release(c.packet());
        }
    }

    @Override
    public void lost(long linkSeq) {
        Copy<P> c = take(linkSeq);
        if (c != null) {
            onLost.accept(c);
        }
    }

    /** Every copy still kept counts as lost (the link went down or away). */
    void loseAll() {
        for (long s = tail; s < head; s++) {
            lost(s);
        }
    }

    /** Frees every copy (the sender closes). */
    void releaseAll() {
        for (long s = tail; s < head; s++) {
            acked(s);
        }
    }

    /** Gives a grown ring back when no copy is kept (an idle link). */
    void releaseIdle() {
        if (head == tail && ring.length > INITIAL_RING) {
            ring = new Object[INITIAL_RING];
        }
    }

    /** Seqs the ring holds now, for tests of released state. */
    int capacity() {
        return ring.length;
    }

    private Copy<P> take(long linkSeq) {
        if (linkSeq < tail || linkSeq >= head) {
            return null;
        }
        int i = index(linkSeq);
        @SuppressWarnings("unchecked")
        Copy<P> c = (Copy<P>) ring[i];
        ring[i] = null;
        while (tail < head && ring[index(tail)] == null) {
            tail++;
        }
        return c;
    }

    /**
     * Grows the ring to hold seqs up to {@code newHead}; only the seqs kept so far move, since a
     * jump over skipped seqs would otherwise alias old slots into the new ones.
     */
    private void ensureCapacity(long newHead) {
        if (newHead - tail <= ring.length) {
            return;
        }
        int length = ring.length;
        while (newHead - tail > length) {
            length *= 2;
        }
        Object[] grown = new Object[length];
        for (long s = tail; s < head; s++) {
            grown[(int) (s & (length - 1))] = ring[index(s)];
        }
        ring = grown;
    }

    private int index(long seq) {
        return (int) (seq & (ring.length - 1));
    }
}
