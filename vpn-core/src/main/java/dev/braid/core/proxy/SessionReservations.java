package dev.braid.core.proxy;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

/**
 * Session ids and pool addresses that logins hold between their verified PROOF and the session
 * on the event loop, sans-I/O (the event loop owns it, time from the caller).
 *
 * <pre>
 * reserve(id)           the login's worker got an id and an address (PROOF verified)
 * establish(id) = true  the session is made: the hold ends, the session holds the address now
 * expire(now)           holds older than the timeout are returned: give their addresses back
 *                       (the login never arrived, e.g. its worker gave up waiting for the loop);
 *                       establish(id) of such a late login is false: it must make no session
 * </pre>
 * Without it, a reservation whose login timed out held its address for good. A session that was
 * made but never used ends by the proxy's session-idle-timeout, like any silent session.
 */
final class SessionReservations {

    /** {@code address} as the pool counts it. */
    record Hold(int sessionId, String user, int address, long sinceNanos) {
    }

    private final long timeoutNanos;
    private final Map<Integer, Hold> holds = new HashMap<>();

    SessionReservations(Duration timeout) {
        this.timeoutNanos = timeout.toNanos();
    }

    void reserve(int sessionId, String user, int address, long nowNanos) {
        holds.put(sessionId, new Hold(sessionId, user, address, nowNanos));
    }

    /** The login reached the event loop. @return false when its hold timed out (its address is gone) */
    boolean establish(int sessionId) {
        return holds.remove(sessionId) != null;
    }

    boolean contains(int sessionId) {
        return holds.containsKey(sessionId);
    }

    /** Holds not yet sessions (they count against max-sessions beside the table). */
    int size() {
        return holds.size();
    }

    /** Holds of {@code user} (they count against the user's limit). */
    long of(String user) {
        return holds.values().stream().filter(h -> h.user().equals(user)).count();
    }

    /** Removes and returns the holds older than the timeout. */
    List<Hold> expire(long nowNanos) {
        List<Hold> expired = new ArrayList<>();
        Iterator<Hold> it = holds.values().iterator();
        while (it.hasNext()) {
            Hold hold = it.next();
            if (nowNanos - hold.sinceNanos() >= timeoutNanos) {
                it.remove();
                expired.add(hold);
            }
        }
        return expired;
    }
}
