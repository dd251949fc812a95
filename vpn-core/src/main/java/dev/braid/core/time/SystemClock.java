package dev.braid.core.time;

/** The real monotonic clock: the only place Braid calls {@link System#nanoTime()}. */
public final class SystemClock implements Clock {
    public static final SystemClock INSTANCE = new SystemClock();

    private SystemClock() {}

    @Override
    public long nanos() {
        return System.nanoTime();
    }
}
