package dev.braid.testbed.sim;

import dev.braid.core.time.Clock;

/** Simulated time: stands still until the {@link Simulation} moves it forward. */
public final class VirtualClock implements Clock {
    private long now;

    public VirtualClock() {
        this(0);
    }

    public VirtualClock(long startNanos) {
        this.now = startNanos;
    }

    @Override
    public long nanos() {
        return now;
    }

    /** Moves time forward to {@code nanos}; time never goes back. */
    public void advanceTo(long nanos) {
        if (nanos < now) {
            throw new IllegalArgumentException("virtual time cannot go back from " + now + " to " + nanos);
        }
        now = nanos;
    }
}
