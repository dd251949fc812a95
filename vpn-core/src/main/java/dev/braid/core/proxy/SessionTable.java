package dev.braid.core.proxy;

import dev.braid.core.session.AddressPool;
import dev.braid.core.session.Session;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The proxy's live sessions, found by session id (inbound datagrams) and by the client's virtual
 * address (packets read from the TUN), plus the address pool they draw from. Event loop only.
 */
final class SessionTable {
    private final Map<Integer, Session> byId = new HashMap<>();
    private final Map<Integer, Session> byAddress = new HashMap<>();
    private final AddressPool pool;

    SessionTable(AddressPool pool) {
        this.pool = pool;
    }

    AddressPool pool() {
        return pool;
    }

    Session byId(int sessionId) {
        return byId.get(sessionId);
    }

    Session byAddress(int virtualIp) {
        return byAddress.get(virtualIp);
    }

    boolean containsId(int sessionId) {
        return byId.containsKey(sessionId);
    }

    void add(Session session) {
        byId.put(session.identity().sessionId(), session);
        byAddress.put(session.identity().virtualIp(), session);
    }

    /** Removes the session and frees its address. */
    void remove(Session session) {
        if (byId.remove(session.identity().sessionId(), session)) {
            byAddress.remove(session.identity().virtualIp(), session);
            pool.release(session.identity().virtualIp());
        }
    }

    /** The user's sessions (a scan: called once per login, not per packet). */
    List<Session> ofUser(String user) {
        List<Session> mine = new ArrayList<>();
        for (Session session : byId.values()) {
            if (session.identity().user().equals(user)) {
                mine.add(session);
            }
        }
        return mine;
    }

    List<Session> all() {
        return new ArrayList<>(byId.values());
    }

    int size() {
        return byId.size();
    }
}
