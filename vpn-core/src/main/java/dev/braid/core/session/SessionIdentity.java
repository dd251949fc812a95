package dev.braid.core.session;

import dev.braid.core.spi.Role;
import dev.braid.core.spi.SessionIds;
import dev.braid.core.wire.Ipv4;

/**
 * Who a session is: its id (carried in every datagram), this end's role, the user who logged
 * in and the client's virtual IPv4 address (as an int).
 */
public record SessionIdentity(int sessionId, Role role, String user, int virtualIp) {
    @Override
    public String toString() {
        return "session " + SessionIds.format(sessionId) + " (" + user + ", " + Ipv4.format(virtualIp) + ")";
    }
}
