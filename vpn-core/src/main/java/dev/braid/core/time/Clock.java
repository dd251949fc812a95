package dev.braid.core.time;

/**
 * The one source of time for Braid. Protocol classes never read a clock: they are handed
 * {@code now} (nanoseconds on this clock) by the I/O shell, which reads it here. Tests and the
 * virtual-time simulator substitute their own implementation.
 */
@FunctionalInterface
public interface Clock {
    /** Monotonic nanoseconds; only differences are meaningful. */
    long nanos();
}
