package dev.braid.core.proxy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import org.junit.jupiter.api.Test;

/** Open handshakes follow the rate of answered PROOFs, in virtual time. */
class HandshakeAdmissionTest {

    private static final long SECOND = 1_000_000_000L;
    private final HandshakeAdmission admission = new HandshakeAdmission(Duration.ofSeconds(10), 64, 1024);

    @Test
    void aColdProxyAdmitsTheFloor() {
        assertEquals(64, admission.limit(0));
        assertTrue(admission.admits(63, 0));
        assertFalse(admission.admits(64, 0));
        // Without a rate yet, the floor is assumed to drain in half a lifetime.
        assertEquals(Duration.ofSeconds(5), admission.drainTime(64, 0));
    }

    @Test
    void slowClientsGetFewOpenHandshakesAndALongerHint() {
        long answered = 0;
        for (int s = 0; s < 10; s++) {
            answered += 20; // the clients answer 20 PROOFs a second
            admission.answeredSoFar(answered, s * SECOND);
        }
        long now = 9 * SECOND;
        assertEquals(20.0, admission.rate(now), 0.01);
        assertEquals(100, admission.limit(now), "20/s x 10 s x 1/2: what they can answer in half a lifetime");
        assertEquals(Duration.ofSeconds(5), admission.drainTime(100, now));
    }

    @Test
    void fastAnswersRaiseTheLimitUpToTheCeilingAndSilenceLowersItAgain() {
        long answered = 0;
        for (int s = 0; s < 10; s++) {
            answered += 1000;
            admission.answeredSoFar(answered, s * SECOND);
        }
        assertEquals(1024, admission.limit(9 * SECOND));
        assertEquals(64, admission.limit(30 * SECOND), "nothing answered for a window: back to the floor");
    }
}
