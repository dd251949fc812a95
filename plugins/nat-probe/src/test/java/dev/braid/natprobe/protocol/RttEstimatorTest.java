package dev.braid.natprobe.protocol;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import org.junit.jupiter.api.Test;

class RttEstimatorTest {
    @Test
    void followsRfc6298() {
        RttEstimator rtt = new RttEstimator();
        assertFalse(rtt.hasSample());
        assertEquals(-1, rtt.srttNanos());
        rtt.sample(800);
        assertEquals(800, rtt.srttNanos());
        assertEquals(400, rtt.rttvarNanos());
        rtt.sample(1600);
        assertEquals((7 * 800 + 1600) / 8, rtt.srttNanos());
        assertEquals((3 * 400 + 800) / 4, rtt.rttvarNanos());
        assertEquals(1600, rtt.latestNanos());
    }
}
