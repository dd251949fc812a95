package dev.braid.core.proxy;

import dev.braid.core.login.Ipv6Assignment;
import dev.braid.core.session.Ipv6AddressPool;
import dev.braid.core.wire.Ipv6Address;
import java.util.HashMap;
import java.util.Map;

/**
 * The IPv6 side of the proxy's address reservations: a login that proved its password reserves
 * one address of {@code client-pool6} beside its IPv4 one; the session claims it, or a failed
 * login (or a client that cannot read it) gives it back. Without a pool6 it grants nothing.
 * Event loop only, like the session table.
 */
final class Ipv6Leases {
    private final Ipv6AddressPool pool;
    private final Map<Integer, Ipv6Address> reserved = new HashMap<>();

    /** @param pool the IPv6 pool, or null for an IPv4-only proxy */
    Ipv6Leases(Ipv6AddressPool pool) {
        this.pool = pool;
    }

    /** Whether a reservation would fail: a pool6 with no address left. */
    boolean exhausted() {
        return pool != null && pool.inUse() >= pool.capacity(); // reserved addresses are taken from the pool
    }

    /**
     * @param hostIndex the host number of the login's IPv4 address in its pool: the IPv6 address
     *                  gets the same one while free, so it is as stable as the IPv4 one
     * @return the assignment for the login's ACCEPT, or null without a pool6; check {@link #exhausted} first
     */
    Ipv6Assignment reserve(int sessionId, long hostIndex) {
        if (pool == null) {
            return null;
        }
        Ipv6Address address = pool.allocate(hostIndex);
        if (address == null) {
            return null;
        }
        reserved.put(sessionId, address);
        return new Ipv6Assignment(address.toInet(), pool.prefixLength());
    }

    /**
     * The session of the login is being made: its address, or null when the login carried none
     * (no pool6, or a client that does not read the extension, whose reservation is given back).
     */
    Ipv6Address claim(int sessionId, Ipv6Assignment granted) {
        Ipv6Address address = reserved.remove(sessionId);
        if (granted == null) {
            if (address != null) {
                pool.release(address);
            }
            return null;
        }
        return Ipv6Address.of(granted.address());
    }

    /** The login failed before its session was made. */
    void cancel(int sessionId) {
        Ipv6Address address = reserved.remove(sessionId);
        if (address != null) {
            pool.release(address);
        }
    }

    /** A session with this address ended. */
    void release(Ipv6Address address) {
        if (pool != null && address != null) {
            pool.release(address);
        }
    }
}
