package dev.braid.core.path;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetSocketAddress;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** The validator alone, in virtual time (defaults: retry 200 ms, 4 attempts, 30 s hold-down). */
class PathValidatorTest {
    private static final long MS = 1_000_000L;
    private static final InetSocketAddress OLD = new InetSocketAddress("192.0.2.1", 4000);
    private static final InetSocketAddress NEW = new InetSocketAddress("192.0.2.1", 4001);
    private static final InetSocketAddress VICTIM = new InetSocketAddress("198.51.100.7", 53);

    private final PathValidator path = PathValidator.validated(PathValidator.Settings.defaults(), new Random(1), OLD);

    @Test
    void aNewAddressIsChallengedWithEightRandomBytesAndTheOldPathKept() {
        PathStep step = path.onReceive(0, NEW, 100);
        assertEquals(PathStep.Kind.CHALLENGE, step.kind());
        assertEquals(NEW, step.address());
        assertEquals(PathValidator.CHALLENGE_LENGTH, step.challenge().length);
        assertEquals(OLD, path.validatedAddress(), "data stays on the old path");
        assertEquals(NEW, path.pendingAddress());
        assertEquals(PathStep.NOTHING, path.onReceive(1 * MS, OLD, 100), "the validated address needs nothing");
    }

    @Test
    void onlyTheRightBytesFromTheChallengedAddressValidate() {
        byte[] challenge = path.onReceive(0, NEW, 100).challenge();
        byte[] wrong = challenge.clone();
        wrong[0] ^= 1;
        assertEquals(PathStep.Kind.IGNORED_RESPONSE, path.onResponse(1 * MS, NEW, wrong).kind());
        assertEquals(PathStep.Kind.IGNORED_RESPONSE, path.onResponse(1 * MS, OLD, challenge).kind(), "from elsewhere");
        assertEquals(PathStep.Kind.IGNORED_RESPONSE, path.onResponse(1 * MS, VICTIM, challenge).kind());
        assertEquals(OLD, path.validatedAddress());

        PathStep moved = path.onResponse(2 * MS, NEW, challenge);
        assertEquals(PathStep.Kind.VALIDATED, moved.kind());
        assertEquals(NEW, path.validatedAddress());
        assertNull(path.pendingAddress());
        assertEquals(PathStep.Kind.IGNORED_RESPONSE, path.onResponse(3 * MS, NEW, challenge).kind(), "used once");
    }

    @Test
    void anUnansweredChallengeIsRetriedThenAbandonedAndTheAddressHeldDown() {
        byte[] first = path.onReceive(0, VICTIM, 100).challenge();
        assertEquals(200 * MS, path.nextDeadlineNanos());
        assertEquals(PathStep.NOTHING, path.onTimer(199 * MS), "early timers are harmless");
        for (long t = 200; t <= 600; t += 200) {
            PathStep retry = path.onTimer(t * MS);
            assertEquals(PathStep.Kind.CHALLENGE, retry.kind(), "retry at " + t + " ms");
            assertArrayEquals(first, retry.challenge(), "a retry re-sends the same bytes");
        }
        PathStep gaveUp = path.onTimer(800 * MS);
        assertEquals(PathStep.Kind.GAVE_UP, gaveUp.kind());
        assertEquals(VICTIM, gaveUp.address());
        assertEquals(OLD, path.validatedAddress());
        assertEquals(Long.MAX_VALUE, path.nextDeadlineNanos());
        assertFalse(path.allowSend(VICTIM, 1), "nothing at all after the challenge failed");

        assertEquals(PathStep.NOTHING, path.onReceive(10_000 * MS, VICTIM, 1400), "held down: no new challenge");
        assertFalse(path.allowSend(VICTIM, 1), "and no budget");
        assertEquals(PathStep.Kind.CHALLENGE, path.onReceive(30_800 * MS, VICTIM, 100).kind(), "after 30 s again");
    }

    @Test
    void atMostThreeTimesTheBytesReceivedGoToTheUnvalidatedAddress() {
        path.onReceive(0, VICTIM, 40);
        assertTrue(path.allowSend(VICTIM, 37), "the challenge");
        assertTrue(path.allowSend(VICTIM, 37));
        assertTrue(path.allowSend(VICTIM, 37));
        assertFalse(path.allowSend(VICTIM, 37), "3 x 40 = 120 < 148");
        assertTrue(path.allowSend(VICTIM, 9), "exactly 120");
        assertFalse(path.allowSend(VICTIM, 1));
        path.onReceive(1 * MS, VICTIM, 10);
        assertTrue(path.allowSend(VICTIM, 30), "more received, more allowed");
        assertEquals(150, path.sentToPending());
        assertEquals(50, path.receivedFromPending());
        assertFalse(path.allowSend(new InetSocketAddress("203.0.113.9", 1), 1), "never to an address not challenged");
        assertTrue(path.allowSend(OLD, 100_000), "the validated path is not limited");
    }

    @Test
    void challengesAreSpacedAcrossNewAddressesAndTheNewestReplacesThePending() {
        assertEquals(PathStep.Kind.CHALLENGE, path.onReceive(0, NEW, 100).kind());
        assertEquals(PathStep.NOTHING, path.onReceive(50 * MS, VICTIM, 100), "within the retry interval");
        assertEquals(NEW, path.pendingAddress());
        assertFalse(path.allowSend(VICTIM, 1));
        PathStep second = path.onReceive(250 * MS, VICTIM, 100);
        assertEquals(PathStep.Kind.CHALLENGE, second.kind());
        assertEquals(VICTIM, path.pendingAddress(), "a NAT that rebound twice lives at its latest mapping");
    }

    @Test
    void aLinkWithoutAValidatedAddressHasNoDataPathUntilItAnswers() {
        PathValidator joining = PathValidator.unvalidated(PathValidator.Settings.defaults(), new Random(2));
        assertNull(joining.validatedAddress());
        byte[] challenge = joining.onReceive(0, NEW, 60).challenge();
        assertFalse(joining.allowSend(NEW, 181));
        assertEquals(PathStep.Kind.VALIDATED, joining.onResponse(30 * MS, NEW, challenge).kind());
        assertEquals(NEW, joining.validatedAddress());
        assertTrue(joining.allowSend(NEW, 100_000));
    }
}
