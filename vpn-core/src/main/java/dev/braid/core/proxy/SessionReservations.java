package dev.braid.core.proxy;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.function.ToLongFunction;

/**
 * Session ids and pool addresses that logins hold between their verified PROOF and the session's
 * first datagram, sans-I/O (the event loop owns it, time from the caller). A hold ends in one of
 * three ways:
 *
 * <pre>
 * reserve(id)                 -> RESERVED  (the login is on its way to the event loop)
 * established(id, lastHeard)  -> UNCONFIRMED (the session exists, its client sent nothing yet)
 * expire(now): RESERVED for the timeout      -> returned: release the address (the login never came)
 *              UNCONFIRMED for the timeout, nothing heard since -> returned: close the session
 *                                                (its ACCEPT was lost and the client started over)
 *              UNCONFIRMED and heard from    -> forgotten (in use)
 * </pre>
 * Without it, a reservation whose login timed out held its address for good, and a session whose
 * client never got its ACCEPT held one until the idle timeout.
 */
final class SessionReservations {

    enum Stage { RESERVED, UNCONFIRMED }

    /** {@code address} as the pool counts it; {@code lastHeard} the session's receive time when it was made. */
    record Hold(int sessionId, String user, int address, Stage stage, long sinceNanos, long lastHeard) {
    }

    private final long timeoutNanos;
    private final Map<Integer, Hold> holds = new HashMap<>();

    SessionReservations(Duration timeout) {
        this.timeoutNanos = timeout.toNanos();
    }

    void reserve(int sessionId, String user, int address, long nowNanos) {
        holds.put(sessionId, new Hold(sessionId, user, address, Stage.RESERVED, nowNanos, 0));
    }

    /** The login became a session whose receive time is {@code lastHeard}; ignored unless {@link #isReserved}. */
    void established(int sessionId, long lastHeard, long nowNanos) {
        Hold hold = holds.get(sessionId);
        if (hold != null && hold.stage() == Stage.RESERVED) {
            holds.put(sessionId, new Hold(sessionId, hold.user(), hold.address(), Stage.UNCONFIRMED, nowNanos,
                    lastHeard));
        }
    }

    /** Forgets a hold (its session ended, or the login gave its address back). */
    void release(int sessionId) {
        holds.remove(sessionId);
    }

    boolean contains(int sessionId) {
        return holds.containsKey(sessionId);
    }

    /** Whether the login's reservation still stands (it has not timed out). */
    boolean isReserved(int sessionId) {
        Hold hold = holds.get(sessionId);
        return hold != null && hold.stage() == Stage.RESERVED;
    }

    /** Reservations not yet sessions (they count against max-sessions beside the table). */
    int reserved() {
        return (int) holds.values().stream().filter(h -> h.stage() == Stage.RESERVED).count();
    }

    /** Reservations of {@code user} not yet sessions (they count against the user's limit). */
    long reservedBy(String user) {
        return holds.values().stream().filter(h -> h.stage() == Stage.RESERVED && h.user().equals(user)).count();
    }

    /**
     * Removes and returns the holds that timed out; {@code lastHeard} gives an UNCONFIRMED
     * session's current receive time (a session that has heard something is in use and forgotten).
     */
    List<Hold> expire(long nowNanos, ToLongFunction<Hold> lastHeard) {
        List<Hold> expired = new ArrayList<>();
        Iterator<Hold> it = holds.values().iterator();
        while (it.hasNext()) {
            Hold hold = it.next();
            boolean old = nowNanos - hold.sinceNanos() >= timeoutNanos;
            if (hold.stage() == Stage.UNCONFIRMED && lastHeard.applyAsLong(hold) != hold.lastHeard()) {
                it.remove(); // in use
            } else if (old) {
                it.remove();
                expired.add(hold);
            }
        }
        return expired;
    }
}
