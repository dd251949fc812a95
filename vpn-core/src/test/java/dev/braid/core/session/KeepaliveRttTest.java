package dev.braid.core.session;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

/** The one RTT of `braid status`: RFC 6298 smoothing and variance, plus the minimum. */
class KeepaliveRttTest {
    @Test
    void noSampleYetIsMinusOneEverywhere() {
        KeepaliveRtt rtt = new KeepaliveRtt();
        assertEquals(-1, rtt.smoothedNanos());
        assertEquals(-1, rtt.varianceNanos());
        assertEquals(-1, rtt.minNanos());
    }

    @Test
    void followsRfc6298() {
        KeepaliveRtt rtt = new KeepaliveRtt();
        rtt.sample(800); // first: SRTT = R, RTTVAR = R/2 (RFC 6298 2.2)
        assertEquals(800, rtt.smoothedNanos());
        assertEquals(400, rtt.varianceNanos());
        rtt.sample(1600); // RTTVAR = 3/4 400 + 1/4 |800 - 1600| = 500; SRTT = 7/8 800 + 1/8 1600 = 900
        assertEquals(900, rtt.smoothedNanos());
        assertEquals(500, rtt.varianceNanos());
        rtt.sample(400);
        assertEquals(400, rtt.minNanos());
        rtt.sample(-5); // a clock step backwards is no sample
        assertEquals(400, rtt.minNanos());
    }
}
