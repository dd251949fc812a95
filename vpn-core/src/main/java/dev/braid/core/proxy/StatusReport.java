package dev.braid.core.proxy;

import dev.braid.core.session.AddressPool;
import dev.braid.core.session.Session;
import dev.braid.core.session.SessionStatus;
import dev.braid.core.wire.DropCounters;
import java.net.InetSocketAddress;
import java.util.List;

/** The text `braid status` prints for a proxy. Built on the event loop. */
final class StatusReport {
    private StatusReport() {}

    static String proxy(InetSocketAddress listen, String tunName, AddressPool pool, List<Session> sessions,
                        DropCounters drops) {
        StringBuilder out = new StringBuilder();
        out.append("proxy ").append(listen).append("  tun ").append(tunName).append("  pool ").append(pool.cidr())
                .append("  sessions ").append(sessions.size()).append('/').append(pool.capacity()).append('\n');
        for (Session session : sessions) {
            SessionStatus.append(out, session);
        }
        SessionStatus.appendDrops(out, drops);
        return out.toString();
    }
}
