package dev.braid.core.session;

import dev.braid.core.spi.Role;
import dev.braid.core.spi.SessionIds;
import dev.braid.core.wire.Ipv4;
import dev.braid.core.wire.Ipv6Address;

/**
 * Who a session is: its id (carried in every datagram), this end's role, the user who logged
 * in and the client's virtual IPv4 address (as an int) and, when the proxy has a
 * {@code client-pool6}, its virtual IPv6 address (else null).
 */
public record SessionIdentity(int sessionId, Role role, String user, int virtualIp, Ipv6Address virtualIp6) {

    /** A session without an IPv6 address. */
    public SessionIdentity(int sessionId, Role role, String user, int virtualIp) {
        this(sessionId, role, user, virtualIp, null);
    }

    @Override
    public String toString() {
        return "session " + SessionIds.format(sessionId) + " (" + user + ", " + Ipv4.format(virtualIp)
                + (virtualIp6 == null ? "" : ", " + virtualIp6) + ")";
    }
}
