package dev.braid.testbed.link;

/** Why an emulated link refused or lost a packet. */
public enum DropReason {
    /** The drop-tail queue was full (bytes or queueing-delay limit). */
    QUEUE_FULL,
    /** Independent (Bernoulli) random loss. */
    RANDOM_LOSS,
    /** Gilbert–Elliott bursty loss. */
    BURST_LOSS,
    /** The link was down when the packet was offered. */
    LINK_DOWN
}
