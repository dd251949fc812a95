package dev.braid.core.proxy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Reservations in virtual time: a hold whose login never arrives is given back. */
class SessionReservationsTest {

    private static final long SECOND = 1_000_000_000L;
    private final SessionReservations reservations = new SessionReservations(Duration.ofSeconds(30));

    @Test
    void aReservationWhoseLoginNeverArrivesIsReleasedAndTheLateLoginMakesNoSession() {
        reservations.reserve(7, "alice", 0x0a500005, 0);
        assertEquals(1, reservations.size());
        assertEquals(1, reservations.of("alice"));
        assertTrue(reservations.expire(29 * SECOND).isEmpty(), "not yet");

        List<SessionReservations.Hold> expired = reservations.expire(30 * SECOND);
        assertEquals(1, expired.size());
        assertEquals(0x0a500005, expired.get(0).address(), "the address to give back");
        assertEquals(0, reservations.size());
        assertEquals(0, reservations.of("alice"));
        assertFalse(reservations.establish(7), "a late login finds no reservation and makes no session");
    }

    @Test
    void anEstablishedLoginEndsItsHold() {
        reservations.reserve(1, "alice", 1, 0);
        reservations.reserve(2, "bob", 2, 10 * SECOND);
        assertTrue(reservations.establish(1));
        assertFalse(reservations.contains(1));
        assertEquals(0, reservations.of("alice"));
        assertTrue(reservations.expire(35 * SECOND).isEmpty(), "bob's is 25 s old; alice's is a session now");
        assertEquals(List.of(2), reservations.expire(40 * SECOND).stream().map(SessionReservations.Hold::sessionId)
                .toList());
    }
}
