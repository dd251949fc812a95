package dev.braid.core.proxy;

import java.time.Duration;
import java.util.Arrays;

/**
 * How many handshakes may be open at once (CHALLENGE sent, PROOF not yet answered), sans-I/O
 * with time from the caller. A handshake lives for a fixed time; if more are opened than their
 * clients can answer in that time, the surplus expire and their clients start over, which is
 * how a rush collapsed. So the limit follows the rate at which PROOFs are answered:
 *
 * <pre>
 * rate  = PROOFs answered over the last {@link #WINDOW_SECONDS} s / that window
 * limit = clamp(rate x lifetime x {@link #SHARE_OF_LIFETIME}, floor, ceiling)
 * admit a HELLO while open + queued < limit; else BUSY, retry after (open + queued) / rate
 * </pre>
 * Whether the proxy's workers or the clients' own Argon2 and SRP are the bottleneck, the rate
 * shows it. The floor lets a cold proxy start; the ceiling bounds the memory of handshakes.
 */
final class HandshakeAdmission {
    static final int WINDOW_SECONDS = 10;
    /** Open handshakes should be answerable in half their lifetime at the current rate. */
    static final double SHARE_OF_LIFETIME = 0.5;

    private final long lifetimeNanos;
    private final int floor;
    private final int ceiling;
    /** PROOFs answered per second of the clock, a ring of the last WINDOW_SECONDS seconds. */
    private final int[] perSecond = new int[WINDOW_SECONDS];
    private long currentSecond = Long.MIN_VALUE;
    private long answeredSeen;

    HandshakeAdmission(Duration lifetime, int floor, int ceiling) {
        if (floor < 1 || ceiling < floor) {
            throw new IllegalArgumentException("need 1 <= floor <= ceiling, got " + floor + ", " + ceiling);
        }
        this.lifetimeNanos = lifetime.toNanos();
        this.floor = floor;
        this.ceiling = ceiling;
    }

    /** {@code total} PROOFs were answered so far (a running count); the new ones count for this second. */
    void answeredSoFar(long total, long nowNanos) {
        advance(nowNanos);
        long fresh = total - answeredSeen;
        if (fresh > 0) {
            perSecond[slot(currentSecond)] += (int) Math.min(fresh, Integer.MAX_VALUE / 2);
            answeredSeen = total;
        }
    }

    /** PROOFs answered per second, over the window. */
    double rate(long nowNanos) {
        advance(nowNanos);
        long sum = 0;
        for (int count : perSecond) {
            sum += count;
        }
        return (double) sum / WINDOW_SECONDS;
    }

    int limit(long nowNanos) {
        double answerable = rate(nowNanos) * lifetimeNanos / 1e9 * SHARE_OF_LIFETIME;
        return (int) Math.max(floor, Math.min(ceiling, answerable));
    }

    /** @param pending open handshakes plus HELLOs queued (each will open one) */
    boolean admits(int pending, long nowNanos) {
        return pending < limit(nowNanos);
    }

    /** How long until the pending handshakes are answered at the current rate (at least what the floor allows). */
    Duration drainTime(int pending, long nowNanos) {
        double rate = Math.max(rate(nowNanos), floor / (lifetimeNanos / 1e9 * SHARE_OF_LIFETIME));
        return Duration.ofNanos((long) (Math.max(0, pending) / rate * 1e9));
    }

    private void advance(long nowNanos) {
        long second = Math.floorDiv(nowNanos, 1_000_000_000L);
        if (currentSecond == Long.MIN_VALUE || second - currentSecond >= WINDOW_SECONDS) {
            Arrays.fill(perSecond, 0);
        } else {
            for (long s = currentSecond + 1; s <= second; s++) {
                perSecond[slot(s)] = 0;
            }
        }
        if (second > currentSecond || currentSecond == Long.MIN_VALUE) {
            currentSecond = second;
        }
    }

    private static int slot(long second) {
        return (int) Math.floorMod(second, WINDOW_SECONDS);
    }
}
