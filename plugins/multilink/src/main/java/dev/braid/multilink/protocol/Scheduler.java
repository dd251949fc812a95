package dev.braid.multilink.protocol;

import java.util.List;

/**
 * Chooses the link for the next packet (the shape of mp-dccp's scheduler hook). Implementations
 * may keep state (round-robin cursors) but do no I/O. Most pick only links that
 * {@link LinkView#hasRoom() have room}; a scheduler may pick a full link when that link's own
 * queue has space ({@link LinkView#queued()} below the configured link queue bound), and the
 * sender then queues the packet on that link.
 */
public interface Scheduler {
    /** Returned when no link may take the packet. */
    int NONE = -1;

    /** Registry name. */
    String name();

    /**
     * @param links all links in a stable order (down links included; skip them)
     * @return the chosen link id, or {@link #NONE}
     */
    int pick(List<? extends LinkView> links);
}
