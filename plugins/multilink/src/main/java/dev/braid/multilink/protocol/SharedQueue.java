package dev.braid.multilink.protocol;

import java.util.ArrayDeque;

/**
 * The sender-wide FIFO, bounded in packets (memory) and in waiting time: a packet that waited
 * longer than the bound leaves from the head to be dropped, so the queue holds as much time as the
 * flows need, whatever the links' rate.
 */
final class SharedQueue<P> implements SenderQueue<P> {
    private record Pending<P>(P packet, int bytes, int flowSlot, long enqueuedNanos) {
    }

    private final ArrayDeque<Pending<P>> queue = new ArrayDeque<>();
    private final int maxPackets;
    private final long configuredMaxDelayNanos;
    private long maxDelayNanos;

    /**
     * @param maxDelayNanos the time bound, or {@link MultilinkSettings#QUEUE_DELAY_ONE_RTT}: the
     *                      links' largest base RTT, at least 100 ms
     */
    SharedQueue(int maxPackets, long maxDelayNanos) {
        this.maxPackets = maxPackets;
        this.configuredMaxDelayNanos = maxDelayNanos;
        this.maxDelayNanos = maxDelayNanos == MultilinkSettings.QUEUE_DELAY_ONE_RTT
                ? MultilinkSettings.MIN_ONE_RTT_QUEUE_DELAY_NANOS : maxDelayNanos;
    }

    @Override
    public void add(long nowNanos, int flowSlot, P packet, int bytes, DropSink<P> drops) {
        if (queue.size() >= maxPackets) {
            drops.drop(packet, QueueDropReason.OVERFLOW);
            return;
        }
        queue.add(new Pending<>(packet, bytes, flowSlot, nowNanos));
    }

    @Override
    public P peek(long nowNanos, DropSink<P> drops) {
        for (Pending<P> head; (head = queue.peek()) != null; queue.poll()) {
            if (nowNanos - head.enqueuedNanos() <= maxDelayNanos) {
                return head.packet();
            }
            drops.drop(head.packet(), QueueDropReason.EXPIRED);
        }
        return null;
    }

    @Override
    public int peekedBytes() {
        return queue.element().bytes();
    }

    @Override
    public int peekedFlowSlot() {
        return queue.element().flowSlot();
    }

    @Override
    public P pollPeeked(long nowNanos) {
        return queue.remove().packet();
    }

    @Override
    public void clear(DropSink<P> drops) {
        while (!queue.isEmpty()) {
            drops.drop(queue.poll().packet(), QueueDropReason.CLEARED);
        }
    }

    @Override
    public boolean isEmpty() {
        return queue.isEmpty();
    }

    @Override
    public int size() {
        return queue.size();
    }

    @Override
    public void setLargestRttNanos(long rttNanos) {
        if (configuredMaxDelayNanos == MultilinkSettings.QUEUE_DELAY_ONE_RTT) {
            maxDelayNanos = Math.max(rttNanos, MultilinkSettings.MIN_ONE_RTT_QUEUE_DELAY_NANOS);
        }
    }
}
