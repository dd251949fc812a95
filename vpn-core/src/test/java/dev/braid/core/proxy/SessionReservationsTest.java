package dev.braid.core.proxy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Reservations in virtual time: a hold that is not used in time is given back. */
class SessionReservationsTest {

    private static final long SECOND = 1_000_000_000L;
    private final SessionReservations reservations = new SessionReservations(Duration.ofSeconds(30));
    /** Each session's receive time, as the session table would tell it. */
    private final Map<Integer, Long> lastHeard = new HashMap<>();

    @Test
    void aReservationWhoseLoginNeverArrivesIsReleased() {
        reservations.reserve(7, "alice", 0x0a500005, 0);
        assertEquals(1, reservations.reserved());
        assertEquals(1, reservations.reservedBy("alice"));
        assertTrue(expire(29 * SECOND).isEmpty(), "not yet");

        List<SessionReservations.Hold> expired = expire(30 * SECOND);
        assertEquals(1, expired.size());
        assertEquals(SessionReservations.Stage.RESERVED, expired.get(0).stage());
        assertEquals(0x0a500005, expired.get(0).address(), "the address to give back");
        assertFalse(reservations.isReserved(7), "a late login finds no reservation and makes no session");
        assertEquals(0, reservations.reserved());
    }

    @Test
    void aSessionNeverHeardFromIsClosedAndAUsedOneIsForgotten() {
        reservations.reserve(1, "alice", 1, 0);
        reservations.reserve(2, "bob", 2, 0);
        reservations.established(1, 5 * SECOND, 5 * SECOND);
        reservations.established(2, 5 * SECOND, 5 * SECOND);
        lastHeard.put(1, 5 * SECOND);
        lastHeard.put(2, 5 * SECOND);
        assertEquals(0, reservations.reserved(), "sessions count in the table, not here");
        assertEquals(0, reservations.reservedBy("alice"));

        lastHeard.put(2, 6 * SECOND); // bob's client sent its JOIN
        assertTrue(expire(10 * SECOND).isEmpty());
        assertFalse(reservations.contains(2), "bob's session is in use: no longer held");

        List<SessionReservations.Hold> expired = expire(35 * SECOND);
        assertEquals(1, expired.size());
        assertEquals(1, expired.get(0).sessionId());
        assertEquals(SessionReservations.Stage.UNCONFIRMED, expired.get(0).stage(), "close alice's unused session");
    }

    @Test
    void anEndedSessionOrAGivenBackReservationIsForgotten() {
        reservations.reserve(3, "carol", 3, 0);
        reservations.release(3);
        assertFalse(reservations.contains(3));
        assertTrue(expire(60 * SECOND).isEmpty());
    }

    private List<SessionReservations.Hold> expire(long now) {
        return reservations.expire(now, hold -> lastHeard.getOrDefault(hold.sessionId(), hold.lastHeard()));
    }
}
