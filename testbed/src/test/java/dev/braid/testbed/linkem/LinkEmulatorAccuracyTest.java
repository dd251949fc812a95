package dev.braid.testbed.linkem;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/**
 * Real loopback UDP through the emulator, with generous bounds: the machine is shared, so these
 * check that the emulator shapes at all correctly, not how precisely (see docs/testbed.md).
 */
class LinkEmulatorAccuracyTest {

    private static final long MS = 1_000_000L;
    private static final long S = 1_000_000_000L;

    @Test
    void rateIsWithinFivePercentAtEightMbit() throws Exception {
        LinkemAccuracyBench.RateResult r = LinkemAccuracyBench.measureRate(8_000_000, 1000, 1.25, 3 * S);
        assertTrue(r.received() > 2000, "received " + r.received());
        assertEquals(8_000_000, r.measuredBitsPerSecond(), 8_000_000 * 0.05, "measured rate");
    }

    @Test
    void medianDelayIsWithinTwoMillisecondsOfTwenty() throws Exception {
        LinkemAccuracyBench.DelayResult d = LinkemAccuracyBench.measureDelay(20 * MS, 300, 5 * MS);
        assertEquals(300, d.received(), "unshaped loopback must not lose datagrams");
        assertEquals(20.0, d.delayP50Ms(), 2.0, "median one-way delay (ms)");
    }
}
