package dev.braid.core.proxy;

import dev.braid.core.session.AddressPool;
import dev.braid.core.session.Ipv6AddressPool;
import dev.braid.core.session.Session;
import dev.braid.core.session.SessionStatus;
import dev.braid.core.session.StatusJson;
import dev.braid.core.spi.Addresses;
import dev.braid.core.wire.DropCounters;
import java.net.InetSocketAddress;
import java.util.List;
import java.util.Map;

/** What `braid status` (text) and `braid status --json` print for a proxy. Built on the event loop. */
final class StatusReport {
    private StatusReport() {}

    /** @param pool6 the client-pool6, or null */
    static String proxy(InetSocketAddress listen, String tunName, AddressPool pool, Ipv6AddressPool pool6,
                        List<Session> sessions, DropCounters drops) {
        StringBuilder out = new StringBuilder();
        out.append("proxy ").append(Addresses.format(listen)).append("  tun ").append(tunName).append("  pool ").append(pool.cidr())
                .append(pool6 == null ? "" : " " + pool6.cidr())
                .append("  sessions ").append(sessions.size()).append('/').append(pool.capacity()).append('\n');
        for (Session session : sessions) {
            SessionStatus.append(out, session);
        }
        SessionStatus.appendDrops(out, drops);
        return out.toString();
    }

    /** The same as {@code braid status --json} prints it (schema in docs/operations.md). */
    static String proxyJson(InetSocketAddress listen, String tunName, AddressPool pool, Ipv6AddressPool pool6,
                            List<Session> sessions, DropCounters drops) {
        Map<String, Object> document = StatusJson.document("proxy");
        document.put("listen", Addresses.format(listen));
        document.put("tun", tunName);
        document.put("pool", Map.of("cidr", pool.cidr(), "capacity", pool.capacity()));
        if (pool6 != null) {
            document.put("pool6", Map.of("cidr", pool6.cidr(), "capacity", pool6.capacity()));
        }
        document.put("sessions", sessions.stream().map(StatusJson::session).toList());
        document.put("drops", StatusJson.drops(drops));
        return StatusJson.write(document);
    }
}
