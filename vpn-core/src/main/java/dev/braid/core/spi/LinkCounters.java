package dev.braid.core.spi;

import java.util.concurrent.atomic.AtomicLong;

/** Per-link traffic counters, written on the event loop and read by status from any thread. */
public final class LinkCounters {
    private final AtomicLong packetsOut = new AtomicLong();
    private final AtomicLong bytesOut = new AtomicLong();
    private final AtomicLong packetsIn = new AtomicLong();
    private final AtomicLong bytesIn = new AtomicLong();

    public void sent(int bytes) {
        packetsOut.lazySet(packetsOut.get() + 1);
        bytesOut.lazySet(bytesOut.get() + bytes);
    }

    public void received(int bytes) {
        packetsIn.lazySet(packetsIn.get() + 1);
        bytesIn.lazySet(bytesIn.get() + bytes);
    }

    public long packetsOut() {
        return packetsOut.get();
    }

    public long bytesOut() {
        return bytesOut.get();
    }

    public long packetsIn() {
        return packetsIn.get();
    }

    public long bytesIn() {
        return bytesIn.get();
    }
}
