package dev.braid.core.proxy;

import dev.braid.core.session.AddressPool;
import dev.braid.core.session.Session;
import dev.braid.core.wire.Ipv6Address;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The proxy's live sessions, found by session id (inbound datagrams) and by the client's virtual
 * addresses of either family (packets read from the TUN), plus the address pools they draw from.
 * Event loop only.
 */
final class SessionTable {
    private final Map<Integer, Session> byId = new HashMap<>();
    private final Map<Integer, Session> byAddress = new HashMap<>();
    private final Map<Ipv6Address, Session> byAddress6 = new HashMap<>();
    private final AddressPool pool;
    private final Ipv6Leases leases6;

    SessionTable(AddressPool pool) {
        this(pool, new Ipv6Leases(null));
    }

    SessionTable(AddressPool pool, Ipv6Leases leases6) {
        this.pool = pool;
        this.leases6 = leases6;
    }

    Ipv6Leases leases6() {
        return leases6;
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

    /** The session whose IPv6 address this is, or null. */
    Session byAddress6(Ipv6Address virtualIp6) {
        return byAddress6.get(virtualIp6);
    }

    boolean containsId(int sessionId) {
        return byId.containsKey(sessionId);
    }

    void add(Session session) {
        byId.put(session.identity().sessionId(), session);
        byAddress.put(session.identity().virtualIp(), session);
        if (session.identity().virtualIp6() != null) {
            byAddress6.put(session.identity().virtualIp6(), session);
        }
    }

    /** Removes the session and frees its address. */
    void remove(Session session) {
        if (byId.remove(session.identity().sessionId(), session)) {
            byAddress.remove(session.identity().virtualIp(), session);
            pool.release(session.identity().virtualIp());
            Ipv6Address address6 = session.identity().virtualIp6();
            if (address6 != null && byAddress6.remove(address6, session)) {
                leases6.release(address6);
            }
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
