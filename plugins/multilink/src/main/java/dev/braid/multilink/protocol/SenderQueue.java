package dev.braid.multilink.protocol;

/**
 * The sender-wide queue for packets no link has room for ({@link NoRoomPolicy#QUEUE}): the
 * FIFO ({@link SharedQueue}) or per-flow FQ-CoDel ({@link FqCoDelQueue}). The sender peeks, and
 * polls only when a link took the packet. Every packet added leaves exactly once: polled, or
 * through the {@link DropSink}.
 */
interface SenderQueue<P> {
    void add(long nowNanos, int flowSlot, P packet, int bytes, DropSink<P> drops);

    /** The packet that would leave next (it stays queued), after the drops due now; null if empty. */
    P peek(long nowNanos, DropSink<P> drops);

    int peekedBytes();

    int peekedFlowSlot();

    /** Removes the packet the latest {@link #peek} returned. */
    P pollPeeked(long nowNanos);

    void clear(DropSink<P> drops);

    boolean isEmpty();

    int size();

    /**
     * The largest base RTT of the links that are up (0 if none): the FIFO's one-RTT time bound,
     * CoDel's interval.
     */
    void setLargestRttNanos(long rttNanos);

    /** Gives back what the queue grew, if it is empty; true if memory was released. */
    default boolean releaseIdle() {
        return false;
    }
}
