package dev.braid.core.login;

import java.time.Duration;
import java.util.random.RandomGenerator;

/**
 * How long a client waits after a BUSY before sending its HELLO again: the proxy's hint, then
 * exponential backoff with full jitter (a uniform pick in [0, min(cap, base x 2^n)]), so a crowd
 * told "busy" at once comes back spread out instead of in step. Bounded: a client that keeps
 * hearing BUSY gives up after {@link #MAX_BUSY} of them. Sans-I/O; one per login attempt.
 */
final class BusyBackoff {

    static final Duration BASE = Duration.ofMillis(500);
    static final Duration CAP = Duration.ofSeconds(15);
    /** A longer hint is not believed (it is authenticated only by the echoed nonce). */
    static final Duration MAX_HINT = Duration.ofSeconds(30);
    static final int MAX_BUSY = 20;

    private final RandomGenerator random;
    private int busies;

    BusyBackoff(RandomGenerator random) {
        this.random = random;
    }

    /** Counts one BUSY. @return the wait before the next HELLO, in nanoseconds */
    long nextDelayNanos(Duration hint) {
        long window = Math.min(CAP.toNanos(), BASE.toNanos() << Math.min(busies, 20));
        busies++;
        long hinted = Math.min(Math.max(hint.toNanos(), 0), MAX_HINT.toNanos());
        return hinted + random.nextLong(window + 1);
    }

    /** Whether the proxy said BUSY so often that the login should end. */
    boolean exhausted() {
        return busies >= MAX_BUSY;
    }

    int busies() {
        return busies;
    }
}
