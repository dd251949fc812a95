package dev.braid.multilink.protocol;

/**
 * Where a queue hands the packets it drops; ownership passes with the call (the sink releases
 * the packet and counts the reason). A sink must not call back into the queue.
 */
@FunctionalInterface
public interface DropSink<P> {
    void drop(P packet, QueueDropReason reason);
}
