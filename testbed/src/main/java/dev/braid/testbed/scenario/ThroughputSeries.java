package dev.braid.testbed.scenario;

/**
 * Throughput per fixed time bin (for plots): bytes per link as delivered by the forward links,
 * unique inner bytes arriving at the receiver (aggregate) and bytes written to the TUN in order.
 * All byte counts are inner (goodput) bytes. Bin {@code i} covers
 * {@code [i * binNanos, (i + 1) * binNanos)} of virtual time.
 */
public final class ThroughputSeries {
    private final long binNanos;
    private final long[][] linkBytes;
    private final long[] aggregateBytes;
    private final long[] inOrderBytes;

    ThroughputSeries(long binNanos, int bins, int links) {
        this.binNanos = binNanos;
        this.linkBytes = new long[links][bins];
        this.aggregateBytes = new long[bins];
        this.inOrderBytes = new long[bins];
    }

    void addLink(long nowNanos, int link, int bytes) {
        int b = bin(nowNanos);
        if (b >= 0) {
            linkBytes[link][b] += bytes;
        }
    }

    void addAggregate(long nowNanos, int bytes) {
        int b = bin(nowNanos);
        if (b >= 0) {
            aggregateBytes[b] += bytes;
        }
    }

    void addInOrder(long nowNanos, int bytes) {
        int b = bin(nowNanos);
        if (b >= 0) {
            inOrderBytes[b] += bytes;
        }
    }

    private int bin(long nowNanos) {
        long b = nowNanos / binNanos;
        return b < aggregateBytes.length ? (int) b : -1;
    }

    public long binNanos() {
        return binNanos;
    }

    public int bins() {
        return aggregateBytes.length;
    }

    public int links() {
        return linkBytes.length;
    }

    /** Start of bin {@code i} in seconds. */
    public double binStartSeconds(int i) {
        return i * binNanos / 1e9;
    }

    public double linkMbit(int link, int bin) {
        return mbit(linkBytes[link][bin]);
    }

    public double aggregateMbit(int bin) {
        return mbit(aggregateBytes[bin]);
    }

    public double inOrderMbit(int bin) {
        return mbit(inOrderBytes[bin]);
    }

    private double mbit(long bytes) {
        return bytes * 8.0 * 1e9 / binNanos / 1e6;
    }
}
