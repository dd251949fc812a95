package dev.braid.multilink.protocol;

import java.util.ArrayDeque;
import java.util.function.Consumer;

/**
 * The sender-wide FIFO for packets no link has room for ({@link NoRoomPolicy#QUEUE}), bounded in
 * packets (memory) and in waiting time: a packet that waited longer than the bound is dropped
 * from the head, so the queue holds as much time as the flows need, whatever the links' rate.
 */
final class SharedQueue<P> {
    record Pending<P>(P packet, int bytes, long enqueuedNanos) {
    }

    private final ArrayDeque<Pending<P>> queue = new ArrayDeque<>();
    private final int maxPackets;

    SharedQueue(int maxPackets) {
        this.maxPackets = maxPackets;
    }

    /** Appends a packet, or hands it to {@code dropped} when the queue holds its maximum. */
    void add(long nowNanos, P packet, int bytes, Consumer<P> dropped) {
        if (queue.size() >= maxPackets) {
            dropped.accept(packet);
            return;
        }
        queue.add(new Pending<>(packet, bytes, nowNanos));
    }

    /** Hands every packet at the head that has waited longer than {@code maxDelayNanos} to {@code dropped}. */
    void dropOlderThan(long nowNanos, long maxDelayNanos, Consumer<P> dropped) {
        while (!queue.isEmpty() && nowNanos - queue.peek().enqueuedNanos() > maxDelayNanos) {
            dropped.accept(queue.poll().packet());
        }
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
