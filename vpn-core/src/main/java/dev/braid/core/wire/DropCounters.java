package dev.braid.core.wire;

import java.util.EnumMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLongArray;

/** Drop counts by reason. Written on the event loop, read by `braid status` from any thread. */
public final class DropCounters {
    private final AtomicLongArray counts = new AtomicLongArray(DropReason.values().length);

    public void count(DropReason reason) {
        counts.incrementAndGet(reason.ordinal());
    }

    public long get(DropReason reason) {
        return counts.get(reason.ordinal());
    }

    public long total() {
        long sum = 0;
        for (int i = 0; i < counts.length(); i++) {
            sum += counts.get(i);
        }
        return sum;
    }

    /** Non-zero counts only, in declaration order. */
    public Map<DropReason, Long> snapshot() {
        Map<DropReason, Long> map = new EnumMap<>(DropReason.class);
        for (DropReason r : DropReason.values()) {
            long n = counts.get(r.ordinal());
            if (n != 0) {
                map.put(r, n);
            }
        }
        return map;
    }
}
