package dev.braid.testbed.linkem;

/** The two directions of an emulated link. */
public enum Direction {
    /** Client -> target (e.g. Braid client -> proxy). */
    UP,
    /** Target -> client: the replies. */
    DOWN
}
