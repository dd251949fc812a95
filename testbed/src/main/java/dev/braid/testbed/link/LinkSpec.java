package dev.braid.testbed.link;

import java.util.Objects;

/**
 * Both directions of an emulated link. "Up" carries packets from the client side towards the
 * target (proxy), "down" the replies.
 */
public record LinkSpec(DirectionSpec up, DirectionSpec down) {

    public LinkSpec {
        Objects.requireNonNull(up, "up");
        Objects.requireNonNull(down, "down");
    }

    /** The same shaping in both directions (each direction still gets its own model and queue). */
    public static LinkSpec symmetric(DirectionSpec both) {
        return new LinkSpec(both, both);
    }
}
