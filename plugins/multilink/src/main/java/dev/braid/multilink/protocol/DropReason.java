package dev.braid.multilink.protocol;

/** Why the sender dropped a packet. */
public enum DropReason {
    /** No link had room and the policy is {@link NoRoomPolicy#DROP}. */
    NO_ROOM,
    /** No link had room and the sender-wide queue was full, or it waited there past the queue's time bound. */
    QUEUE_FULL,
    /** The shared queue's AQM (CoDel) dropped it: its flow kept a standing queue. */
    AQM,
    /** It was queued on a link that went down or was removed. */
    LINK_GONE,
    /** There is no link that is up. */
    NO_LINK
}
