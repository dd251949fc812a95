package dev.braid.core.proxy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Sessions per user in virtual time; a session is represented by its last receive time. */
class UserSessionLimitTest {

    private static final long SECOND = 1_000_000_000L;
    private final UserSessionLimit limit = new UserSessionLimit(2, Duration.ofSeconds(30));

    @Test
    void belowTheLimitThereIsRoom() {
        UserSessionLimit.Verdict<Long> verdict = limit.decide(List.of(0L), t -> t, 0, 0);
        assertTrue(verdict.room());
        assertNull(verdict.giveWay());
    }

    @Test
    void atTheLimitWithLiveSessionsTheLoginIsRefused() {
        assertFalse(limit.decide(List.of(50 * SECOND, 60 * SECOND), t -> t, 0, 70 * SECOND).room());
        assertFalse(limit.decide(List.of(50 * SECOND), t -> t, 1, 70 * SECOND).room(), "reservations count");
    }

    @Test
    void theLongestSilentSessionGivesWayAfterThirtySeconds() {
        UserSessionLimit.Verdict<Long> verdict = limit.decide(List.of(40 * SECOND, 10 * SECOND), t -> t, 0,
                40 * SECOND);
        assertTrue(verdict.room());
        assertEquals(10 * SECOND, verdict.giveWay());
        assertFalse(limit.decide(List.of(40 * SECOND, 11 * SECOND), t -> t, 0, 40 * SECOND).room(), "29 s silent");
    }

    @Test
    void aStaleSessionDoesNotHelpWhenReservationsAloneFillTheLimit() {
        assertFalse(limit.decide(List.of(0L), t -> t, 2, 100 * SECOND).room());
    }
}
