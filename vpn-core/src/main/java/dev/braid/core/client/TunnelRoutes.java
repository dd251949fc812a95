package dev.braid.core.client;

import dev.braid.core.config.InetPrefix;
import java.util.ArrayList;
import java.util.List;

/**
 * The routes the client puts on its TUN: the configured ones, and with a full IPv4 tunnel (the
 * routes cover all of IPv4) but no IPv6 route, all of IPv6 as well, so IPv6 cannot leave beside
 * the tunnel: a session with an IPv6 address carries it, one without drops it (counted as
 * {@code no-ipv6}). The two halves {@code ::/1} and {@code 8000::/1} win over any default route
 * whatever its metric, and go with the TUN device, so nothing stays behind after a crash.
 */
final class TunnelRoutes {
    static final List<InetPrefix> ALL_IPV6 = List.of(InetPrefix.parse("::/1"), InetPrefix.parse("8000::/1"));
    private static final List<InetPrefix> IPV4_HALVES = List.of(InetPrefix.parse("0.0.0.0/1"),
            InetPrefix.parse("128.0.0.0/1"));

    private TunnelRoutes() {}

    static List<InetPrefix> of(List<InetPrefix> configured) {
        if (!coversAllIpv4(configured) || configured.stream().anyMatch(InetPrefix::isIpv6)) {
            return configured;
        }
        List<InetPrefix> routes = new ArrayList<>(configured);
        routes.addAll(ALL_IPV6);
        return routes;
    }

    /** 0.0.0.0/0, or both /1 halves (the form that beats an existing default route). */
    static boolean coversAllIpv4(List<InetPrefix> routes) {
        return routes.stream().anyMatch(r -> !r.isIpv6() && r.prefixLength() == 0) || routes.containsAll(IPV4_HALVES);
    }
}
