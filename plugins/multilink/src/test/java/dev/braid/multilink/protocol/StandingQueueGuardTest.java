package dev.braid.multilink.protocol;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** Rounds of 100 ms on a link with a 100 ms min RTT (allowance 10 ms), paced at 1000 packets/s. */
class StandingQueueGuardTest {
    private static final long MS = 1_000_000L;
    private static final long MIN_RTT = 100 * MS;
    private static final double PACED = 1000;

    private final StandingQueueGuard guard = new StandingQueueGuard();
    private long now;
    private long delivered;

    /** One cruising round whose RTT samples were {@code minRttMs}... and that delivered {@code packets}. */
    private boolean round(long roundMinRttMs, int packets) {
        guard.onRttSample(roundMinRttMs * MS + 30 * MS);
        guard.onRttSample(roundMinRttMs * MS);
        now += 100 * MS;
        delivered += packets;
        return guard.onRoundStart(now, delivered, MIN_RTT, PACED, true);
    }

    /** A round in which a drain ran and emptied the queue. */
    private void drainRound() {
        guard.notCruising();
        guard.drained(now);
        assertFalse(round(150, 80), "a drain's round is not judged");
    }

    private void firstRound() {
        assertFalse(guard.onRoundStart(now, delivered, MIN_RTT, PACED, true), "nothing to judge yet");
    }

    @Test
    void aRoundWhoseEverySampleSawAQueueCapsTheRateAtWhatItDelivered() {
        firstRound();
        assertTrue(round(130, 95));
        assertEquals(950, guard.rateCap(), 1e-6);
    }

    @Test
    void aQueueWithinTheAllowanceIsLeftAlone() {
        firstRound();
        assertFalse(round(109, 95));
        assertEquals(Double.POSITIVE_INFINITY, guard.rateCap());
    }

    @Test
    void oneCutGoesNoDeeperThanATenthOfThePacedRate() {
        firstRound();
        assertTrue(round(150, 50));
        assertEquals(StandingQueueGuard.DEEPEST_CUT * PACED, guard.rateCap(), 1e-6);
    }

    @Test
    void whatADrainDidNotRemoveIsThePathsOwnVariation() {
        firstRound();
        drainRound();
        assertFalse(round(125, 100), "the round after a drain shows the floor");
        assertEquals(25 * MS, guard.pathFloorNanos());
        assertFalse(round(130, 100), "jitter of the path, not a queue");
        assertTrue(round(140, 95), "15 ms above the floor");
    }

    @Test
    void theFloorIsLearntAgainAfterTenSeconds() {
        firstRound();
        drainRound();
        round(125, 100);
        now += StandingQueueGuard.FLOOR_LIFETIME_NANOS;
        assertTrue(round(125, 95));
        assertEquals(0, guard.pathFloorNanos());
    }

    @Test
    void roundsNotSpentCruisingAreNotJudged() {
        firstRound();
        guard.notCruising();
        assertFalse(round(150, 95));
        assertFalse(guard.onRoundStart(now + 100 * MS, delivered + 95, MIN_RTT, PACED, false));
    }

    @Test
    void aSlowLinkMayQueueAFewPackets() {
        guard.onRoundStart(now, delivered, 20 * MS, 100, true);
        guard.onRttSample(45 * MS); // 25 ms above: under three packets at 100 packets/s
        now += 100 * MS;
        assertFalse(guard.onRoundStart(now, delivered + 10, 20 * MS, 100, true));
    }

    @Test
    void aProbeLiftsTheCap() {
        firstRound();
        round(130, 95);
        guard.liftCap();
        assertEquals(Double.POSITIVE_INFINITY, guard.rateCap());
    }
}
