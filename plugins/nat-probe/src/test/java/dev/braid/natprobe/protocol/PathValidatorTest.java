package dev.braid.natprobe.protocol;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import dev.braid.natprobe.protocol.PathStep.Kind;
import java.net.InetSocketAddress;
import java.util.random.RandomGenerator;
import org.junit.jupiter.api.Test;

/** Numbered cases of proxy-side path validation; tokens come from a counting random source. */
class PathValidatorTest {
    private static final long MS = 1_000_000L;
    private static final InetSocketAddress OLD = new InetSocketAddress("127.0.0.2", 4000);
    private static final InetSocketAddress NEW = new InetSocketAddress("127.0.0.2", 4001);
    private static final InetSocketAddress OTHER = new InetSocketAddress("127.0.0.3", 4000);

    private long nextToken = 100;
    private final RandomGenerator tokens = () -> nextToken++;
    private final PathValidator validator = new PathValidator(
            new ProbeSettings(true, 15_000 * MS, 100 * MS, 300 * MS, 150 * MS, 3, 500 * MS, 200 * MS, 4), tokens);

    @Test
    void case1_datagramFromTheCurrentAddressChangesNothing() {
        assertEquals(PathStep.NOTHING, validator.onReceive(0, OLD, OLD));
        assertEquals(Long.MAX_VALUE, validator.nextDeadlineNanos());
    }

    @Test
    void case2_newAddressIsChallengedWithAFreshToken() {
        assertEquals(new PathStep(Kind.CHALLENGE, NEW, 100), validator.onReceive(0, NEW, OLD));
        assertEquals(NEW, validator.pendingAddress());
        assertEquals(200 * MS, validator.nextDeadlineNanos());
    }

    @Test
    void case3_moreDatagramsFromTheNewAddressDoNotResendTheChallenge() {
        validator.onReceive(0, NEW, OLD);
        assertEquals(PathStep.NOTHING, validator.onReceive(10 * MS, NEW, OLD));
        assertEquals(PathStep.NOTHING, validator.onReceive(20 * MS, OLD, OLD));
    }

    @Test
    void case4_atMostOneChallengeOutstanding() {
        validator.onReceive(0, NEW, OLD);
        assertEquals(PathStep.NOTHING, validator.onReceive(10 * MS, OTHER, OLD));
        assertEquals(NEW, validator.pendingAddress());
    }

    @Test
    void case5_matchingResponseFromTheChallengedAddressMoves() {
        validator.onReceive(0, NEW, OLD);
        assertEquals(new PathStep(Kind.MOVE, NEW, 0), validator.onResponse(30 * MS, NEW, 100));
        assertNull(validator.pendingAddress());
        assertEquals(Long.MAX_VALUE, validator.nextDeadlineNanos());
    }

    @Test
    void case6_wrongTokenIsIgnoredAndTheChallengeStays() {
        validator.onReceive(0, NEW, OLD);
        assertEquals(Kind.IGNORED_RESPONSE, validator.onResponse(30 * MS, NEW, 99).kind());
        assertEquals(NEW, validator.pendingAddress());
        assertEquals(Kind.MOVE, validator.onResponse(40 * MS, NEW, 100).kind());
    }

    @Test
    void case7_rightTokenFromAnotherAddressIsIgnored() {
        validator.onReceive(0, NEW, OLD);
        assertEquals(Kind.IGNORED_RESPONSE, validator.onResponse(30 * MS, OTHER, 100).kind());
        assertEquals(Kind.IGNORED_RESPONSE, validator.onResponse(30 * MS, OLD, 100).kind());
        assertEquals(NEW, validator.pendingAddress());
    }

    @Test
    void case8_responseWithNothingOutstandingIsIgnored() {
        assertEquals(Kind.IGNORED_RESPONSE, validator.onResponse(0, NEW, 100).kind());
    }

    @Test
    void case9_challengeIsResentEveryRetryIntervalThenAbandoned() {
        validator.onReceive(0, NEW, OLD);
        assertEquals(PathStep.NOTHING, validator.onTimer(199 * MS));
        assertEquals(new PathStep(Kind.CHALLENGE, NEW, 100), validator.onTimer(200 * MS), "same token on retry");
        assertEquals(new PathStep(Kind.CHALLENGE, NEW, 100), validator.onTimer(400 * MS));
        assertEquals(new PathStep(Kind.CHALLENGE, NEW, 100), validator.onTimer(600 * MS));
        assertEquals(new PathStep(Kind.GAVE_UP, NEW, 0), validator.onTimer(800 * MS), "4 attempts, then give up");
        assertNull(validator.pendingAddress());
        assertEquals(Kind.IGNORED_RESPONSE, validator.onResponse(810 * MS, NEW, 100).kind(), "too late");
    }

    @Test
    void case10_lateResponseToAnEarlierAttemptStillCounts() {
        validator.onReceive(0, NEW, OLD);
        validator.onTimer(200 * MS);
        assertEquals(Kind.MOVE, validator.onResponse(250 * MS, NEW, 100).kind());
    }

    @Test
    void case11_challengesAreSpacedByTheRetryIntervalAcrossAddresses() {
        validator.onReceive(0, NEW, OLD);
        validator.onResponse(10 * MS, NEW, 100);
        assertEquals(PathStep.NOTHING, validator.onReceive(50 * MS, OTHER, NEW), "rate limited");
        assertNull(validator.pendingAddress());
        assertEquals(new PathStep(Kind.CHALLENGE, OTHER, 101), validator.onReceive(200 * MS, OTHER, NEW));
    }

    @Test
    void case12_afterGivingUpTheSameAddressMayBeTriedAgainWithANewToken() {
        validator.onReceive(0, NEW, OLD);
        for (long t = 200; t <= 800; t += 200) {
            validator.onTimer(t * MS);
        }
        assertEquals(new PathStep(Kind.CHALLENGE, NEW, 101), validator.onReceive(900 * MS, NEW, OLD));
        assertEquals(Kind.IGNORED_RESPONSE, validator.onResponse(910 * MS, NEW, 100).kind(), "old token is stale");
        assertEquals(Kind.MOVE, validator.onResponse(920 * MS, NEW, 101).kind());
    }

    @Test
    void case13_aNewerSenderReplacesAnUnansweredChallengeOnceTheRetryIntervalPassed() {
        validator.onReceive(0, NEW, OLD); // e.g. a short-lived mapping of a NAT that rebinds twice
        assertEquals(PathStep.NOTHING, validator.onReceive(100 * MS, OTHER, OLD), "rate limited");
        assertEquals(new PathStep(Kind.CHALLENGE, OTHER, 101), validator.onReceive(200 * MS, OTHER, OLD));
        assertEquals(OTHER, validator.pendingAddress());
        assertEquals(Kind.IGNORED_RESPONSE, validator.onResponse(210 * MS, NEW, 100).kind(), "replaced challenge");
        assertEquals(new PathStep(Kind.MOVE, OTHER, 0), validator.onResponse(220 * MS, OTHER, 101));
    }
}
