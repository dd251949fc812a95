package dev.braid.multilink.protocol;

/**
 * What a {@link MultilinkReceiver} / {@link Resequencer} asks its I/O shell to do, synchronously.
 * Ownership of {@code packet} passes to the output in {@link #deliver} and {@link #discard}.
 */
public interface ReceiverOutput<P> {
    /**
     * Write the packet to the TUN. Calls come in global seq order within each inner flow (the
     * order of the flow's own packets); flows are not ordered against each other.
     */
    void deliver(P packet);

    /**
     * As {@link #deliver(Object)}, for a packet that waited {@code heldNanos} in the resequencer
     * (behind a hole or for its aligned delay); 0 if it went straight through.
     */
    default void deliver(P packet, long heldNanos) {
        deliver(packet);
    }

    /**
     * A packet whose seq was already given up (skipped) arrived after all: it goes out of order.
     * An inner TCP flow absorbs a reordering (SACK, RACK) but would have to retransmit a loss.
     */
    default void deliverLate(P packet) {
        deliver(packet);
    }

    /** Send this ack to the peer on link {@code linkId}. */
    void sendAck(int linkId, AckMessage ack);

    /** The packet will not be delivered (release it). */
    void discard(P packet, DiscardReason reason);
}
