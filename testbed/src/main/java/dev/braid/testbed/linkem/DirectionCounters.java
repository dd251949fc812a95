package dev.braid.testbed.linkem;

import java.util.EnumMap;
import java.util.Map;
import java.util.concurrent.atomic.LongAdder;

/** Thread-safe counters of one direction of a {@link LinkEmulator}; read them from any thread. */
public final class DirectionCounters {
    private final LongAdder received = new LongAdder();
    private final LongAdder forwarded = new LongAdder();
    private final LongAdder forwardedBytes = new LongAdder();
    private final Map<RelayDropReason, LongAdder> dropped = new EnumMap<>(RelayDropReason.class);

    DirectionCounters() {
        for (RelayDropReason reason : RelayDropReason.values()) {
            dropped.put(reason, new LongAdder());
        }
    }

    void countReceived() {
        received.increment();
    }

    void countForwarded(int bytes) {
        forwardedBytes.add(bytes); // bytes first: whoever sees the count also sees its bytes
        forwarded.increment();
    }

    void countDropped(RelayDropReason reason) {
        dropped.get(reason).increment();
    }

    /** Datagrams that arrived at the relay for this direction. */
    public long received() {
        return received.sum();
    }

    /** Datagrams sent on after the link's delay. */
    public long forwarded() {
        return forwarded.sum();
    }

    public long forwardedBytes() {
        return forwardedBytes.sum();
    }

    public long dropped(RelayDropReason reason) {
        return dropped.get(reason).sum();
    }

    public long droppedTotal() {
        long sum = 0;
        for (LongAdder adder : dropped.values()) {
            sum += adder.sum();
        }
        return sum;
    }

    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder("received=").append(received())
                .append(" forwarded=").append(forwarded()).append(" bytes=").append(forwardedBytes());
        dropped.forEach((reason, count) -> {
            long n = count.sum();
            if (n > 0) {
                sb.append(' ').append(reason.name().toLowerCase()).append('=').append(n);
            }
        });
        return sb.toString();
    }
}
