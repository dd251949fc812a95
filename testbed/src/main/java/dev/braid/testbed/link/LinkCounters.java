package dev.braid.testbed.link;

/**
 * What one {@link LinkModel} did with the packets offered to it. Not thread-safe: owned by the
 * thread that drives the model, like the model itself.
 */
public final class LinkCounters {
    private long offered;
    private long accepted;
    private long acceptedBytes;
    private final long[] dropped = new long[DropReason.values().length];

    void countOffered() {
        offered++;
    }

    void countAccepted(int bytes) {
        accepted++;
        acceptedBytes += bytes;
    }

    void countDropped(DropReason reason) {
        dropped[reason.ordinal()]++;
    }

    /** Packets offered. */
    public long offered() {
        return offered;
    }

    /** Packets given a delivery time. */
    public long accepted() {
        return accepted;
    }

    public long acceptedBytes() {
        return acceptedBytes;
    }

    public long dropped(DropReason reason) {
        return dropped[reason.ordinal()];
    }

    public long droppedTotal() {
        long sum = 0;
        for (long d : dropped) {
            sum += d;
        }
        return sum;
    }

    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder("offered=").append(offered)
                .append(" accepted=").append(accepted).append(" bytes=").append(acceptedBytes);
        for (DropReason r : DropReason.values()) {
            sb.append(' ').append(r.name().toLowerCase()).append('=').append(dropped[r.ordinal()]);
        }
        return sb.toString();
    }
}
