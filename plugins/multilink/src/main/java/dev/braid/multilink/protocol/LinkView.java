package dev.braid.multilink.protocol;

/** Read-only view of one sending link, as a {@link Scheduler} sees it. */
public interface LinkView {
    int id();

    /** Congestion window, packets. */
    int cwnd();

    /** Packets in flight. */
    int pipe();

    /** Smoothed RTT; before the first sample the current RTO (a pessimistic guess). */
    long srttNanos();

    /** Estimated one-way delay (srtt/2 unless the owner has a better estimate). */
    long owdNanos();

    /** Static weight from configuration (>= 1). */
    int weight();

    /** Whether the link is usable at all (probes/keepalives say it is alive). */
    boolean up();

    /** Packets waiting in this link's own queue. */
    int queued();

    /** Room left in the congestion window (may be <= 0). */
    default int freeWindow() {
        return cwnd() - pipe();
    }

    /** Up, and pipe < cwnd. */
    default boolean hasRoom() {
        return up() && pipe() < cwnd();
    }
}
