package dev.braid.core.session;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

/** Rates each way over windows of at least a second, from the tick's counter samples. */
class RateMeterTest {
    private static final long SECOND = 1_000_000_000L;

    @Test
    void aWholeWindowGivesBitsPerSecondEachWay() {
        RateMeter meter = new RateMeter();
        meter.sample(5 * SECOND, 1_000, 0);
        assertEquals(0, meter.bitsPerSecondOut(), "no window yet");
        meter.sample(5 * SECOND + SECOND / 2, 60_000, 1_000);
        assertEquals(0, meter.bitsPerSecondOut(), "half a window is not reported");
        meter.sample(7 * SECOND, 251_000, 25_000); // 250 kB out and 25 kB in over 2 s
        assertEquals(1_000_000, meter.bitsPerSecondOut());
        assertEquals(100_000, meter.bitsPerSecondIn());
        meter.sample(8 * SECOND, 251_000, 25_000);
        assertEquals(0, meter.bitsPerSecondOut(), "an idle second is 0");
    }
}
