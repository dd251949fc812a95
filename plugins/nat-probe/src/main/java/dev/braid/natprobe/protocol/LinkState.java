package dev.braid.natprobe.protocol;

/** Liveness of one link as its probes see it. Only UP and DOWN are visible to the data path. */
public enum LinkState {
    /** Answers arrive; traffic may use the link. */
    UP,
    /** Sent traffic went unanswered for a while: probing fast, still usable. */
    SUSPECT,
    /** Fast probes were missed: the data path avoids the link; slow probes look for its return. */
    DOWN
}
