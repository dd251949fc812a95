package dev.braid.core.session;

/**
 * A link's rate each way, in bits per second, over the last whole window of at least one second
 * between samples of its byte counters (the maintenance tick samples). 0 before the first window.
 */
final class RateMeter {
    static final long WINDOW_NANOS = 1_000_000_000L;

    private boolean started;
    private long windowStartNanos;
    private long bytesOutAtStart;
    private long bytesInAtStart;
    private long bitsPerSecondOut;
    private long bitsPerSecondIn;

    void sample(long nowNanos, long bytesOut, long bytesIn) {
        if (!started) {
            started = true;
            windowStartNanos = nowNanos;
            bytesOutAtStart = bytesOut;
            bytesInAtStart = bytesIn;
            return;
        }
        long elapsed = nowNanos - windowStartNanos;
        if (elapsed < WINDOW_NANOS) {
            return;
        }
        bitsPerSecondOut = perSecond(bytesOut - bytesOutAtStart, elapsed);
        bitsPerSecondIn = perSecond(bytesIn - bytesInAtStart, elapsed);
        windowStartNanos = nowNanos;
        bytesOutAtStart = bytesOut;
        bytesInAtStart = bytesIn;
    }

    private static long perSecond(long bytes, long elapsedNanos) {
        return (long) (bytes * 8 * 1e9 / elapsedNanos);
    }

    long bitsPerSecondOut() {
        return bitsPerSecondOut;
    }

    long bitsPerSecondIn() {
        return bitsPerSecondIn;
    }
}
