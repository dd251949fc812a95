package dev.braid.multilink.protocol;

import java.util.ArrayDeque;

/**
 * The sender-wide FIFO for packets no link has room for ({@link NoRoomPolicy#QUEUE}), bounded in
 * packets (memory) and in waiting time: a packet that waited longer than the bound leaves from
 * the head to be dropped, so the queue holds as much time as the flows need, whatever the links'
 * rate.
 */
final class SharedQueue<P> {
    record Pending<P>(P packet, int bytes, int flowSlot, long enqueuedNanos) {
    }

    private final ArrayDeque<Pending<P>> queue = new ArrayDeque<>();
    private final int maxPackets;

    SharedQueue(int maxPackets) {
        this.maxPackets = maxPackets;
    }

    /** Appends a packet; false (the caller drops it) when the queue holds its maximum. */
    boolean add(long nowNanos, P packet, int bytes, int flowSlot) {
        if (queue.size() >= maxPackets) {
            return false;
        }
        queue.add(new Pending<>(packet, bytes, flowSlot, nowNanos));
        return true;
    }

    /** Removes and returns the head if it has waited longer than {@code maxDelayNanos}, else null. */
    P pollOlderThan(long nowNanos, long maxDelayNanos) {
        Pending<P> head = queue.peek();
        if (head == null || nowNanos - head.enqueuedNanos() <= maxDelayNanos) {
            return null;
        }
        queue.poll();
        return head.packet();
    }

    Pending<P> peek() {
        return queue.peek();
    }

    Pending<P> poll() {
        return queue.poll();
    }

    boolean isEmpty() {
        return queue.isEmpty();
    }

    int size() {
        return queue.size();
    }
}
