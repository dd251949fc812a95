package dev.braid.multilink.protocol;

/** Why the tunnel's own queue ({@link FqCoDelQueue}) gave a packet up. */
public enum QueueDropReason {
    /** CoDel: its flow's sojourn time stood above the target for an interval. */
    CODEL,
    /** It waited longer than the queue's hard time bound ({@link FqCoDelQueue#setSojournBoundNanos}). */
    EXPIRED,
    /** The queue was full in packets or bytes and this packet was at the head of the fattest flow. */
    OVERFLOW,
    /** The queue was cleared (the sender closed). */
    CLEARED
}
