package dev.braid.multilink;

/** The {@code queue-discipline} key: how the sender-wide queue is served. */
public enum QueueDiscipline {
    /** Per-flow queues with deficit round robin and CoDel (RFC 8290): sparse flows first, short standing queues. */
    FQ_CODEL,
    /** One FIFO bounded by queue-packets and queue-max-delay. */
    FIFO
}
