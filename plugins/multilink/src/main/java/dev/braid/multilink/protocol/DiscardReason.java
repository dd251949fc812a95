package dev.braid.multilink.protocol;

/** Why the receiver did not deliver a packet. */
public enum DiscardReason {
    /** Its global seq was already delivered or is already buffered. */
    DUPLICATE,
    /** Older than anything the receiver still tracks. */
    TOO_OLD
}
