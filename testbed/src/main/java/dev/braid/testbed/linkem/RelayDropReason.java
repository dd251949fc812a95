package dev.braid.testbed.linkem;

import dev.braid.testbed.link.DropReason;

/** Why the relay did not forward a datagram: the link model's reasons plus the relay's own. */
public enum RelayDropReason {
    QUEUE_FULL,
    RANDOM_LOSS,
    BURST_LOSS,
    LINK_DOWN,
    /** Endpoint-dependent filtering: a reply came from someone other than the target. */
    NAT_FILTERED,
    /** A reply reached an outward port whose mapping had timed out. */
    NAT_NO_MAPPING,
    /** The socket refused the datagram at delivery time (buffer full, closed, I/O error). */
    SEND_FAILED;

    static RelayDropReason of(DropReason reason) {
        return switch (reason) {
            case QUEUE_FULL -> QUEUE_FULL;
            case RANDOM_LOSS -> RANDOM_LOSS;
            case BURST_LOSS -> BURST_LOSS;
            case LINK_DOWN -> LINK_DOWN;
        };
    }
}
