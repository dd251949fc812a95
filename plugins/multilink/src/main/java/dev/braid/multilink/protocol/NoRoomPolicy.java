package dev.braid.multilink.protocol;

/** What the sender does with a packet when no link has room in its congestion window. */
public enum NoRoomPolicy {
    /** Drop it at once (the paper's Algorithm 1). */
    DROP,
    /** Park it in a bounded sender-wide FIFO, drained as acks open windows; drop when full. */
    QUEUE
}
