package dev.braid.testbed.sim;

/** A pending action of a {@link Simulation}; cancel it to keep it from running. */
public final class ScheduledAction {
    final long atNanos;
    final long sequence;
    final Runnable action;
    private boolean cancelled;

    ScheduledAction(long atNanos, long sequence, Runnable action) {
        this.atNanos = atNanos;
        this.sequence = sequence;
        this.action = action;
    }

    public long atNanos() {
        return atNanos;
    }

    /** The action will not run; cancelling twice or after it ran has no effect. */
    public void cancel() {
        cancelled = true;
    }

    public boolean isCancelled() {
        return cancelled;
    }
}
