package dev.braid.core.proxy;

import dev.braid.core.time.Clock;

/**
 * Caps how many "unknown session" hints the proxy sends per second, so a flood of stale or forged
 * datagrams costs it almost nothing.
 */
final class UnknownSessionReplies {
    private static final int PER_SECOND = 20;
    private static final long SECOND = 1_000_000_000L;

    private final Clock clock;
    private long windowStart;
    private int sent;

    UnknownSessionReplies(Clock clock) {
        this.clock = clock;
        this.windowStart = clock.nanos();
    }

    boolean allow() {
        long now = clock.nanos();
        if (now - windowStart >= SECOND) {
            windowStart = now;
            sent = 0;
        }
        return sent++ < PER_SECOND;
    }
}
