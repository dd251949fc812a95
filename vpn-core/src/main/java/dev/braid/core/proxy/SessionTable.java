package dev.braid.core.proxy;

import dev.braid.core.session.AddressPool;
import dev.braid.core.session.Session;
import dev.braid.core.wire.Ipv6Address;
import io.netty.util.collection.IntObjectHashMap;
import io.netty.util.collection.LongObjectHashMap;
import java.util.ArrayList;
import java.util.List;

/**
 * The proxy's live sessions, found by session id (inbound datagrams) and by the client's virtual
 * addresses of either family (packets read from the TUN), plus the address pools they draw from.
 * Lookups take primitives, so a packet costs no boxed key. IPv6 addresses are keyed by their low
 * 64 bits: every one comes from the pool6, whose hosts share the high half. Event loop only.
 */
final class SessionTable {
    private final IntObjectHashMap<Session> byId = new IntObjectHashMap<>();
    private final IntObjectHashMap<Session> byAddress = new IntObjectHashMap<>();
    private final LongObjectHashMap<Session> byAddress6Low = new LongObjectHashMap<>();
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

    /** The session whose IPv6 address is {@code hi:lo}, or null. */
    Session byAddress6(long hi, long lo) {
        Session session = byAddress6Low.get(lo);
        return session != null && session.identity().virtualIp6().hi() == hi ? session : null;
    }

    boolean containsId(int sessionId) {
        return byId.containsKey(sessionId);
    }

    void add(Session session) {
        byId.put(session.identity().sessionId(), session);
        byAddress.put(session.identity().virtualIp(), session);
        if (session.identity().virtualIp6() != null) {
            byAddress6Low.put(session.identity().virtualIp6().lo(), session);
        }
    }

    /** Removes the session and frees its address. */
    void remove(Session session) {
        int id = session.identity().sessionId();
        if (byId.get(id) != session) {
            return;
        }
        byId.remove(id);
        int address = session.identity().virtualIp();
        if (byAddress.get(address) == session) {
            byAddress.remove(address);
        }
        pool.release(address);
        Ipv6Address address6 = session.identity().virtualIp6();
        if (address6 != null && byAddress6Low.get(address6.lo()) == session) {
            byAddress6Low.remove(address6.lo());
            leases6.release(address6);
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
