package dev.braid.core.proxy;

import dev.braid.core.config.InetPrefix;
import dev.braid.core.session.Ipv6AddressPool;
import java.util.ArrayList;
import java.util.List;

/** What is wrong with a {@code client-pool6}, as config error lines (empty: nothing). */
final class ClientPool6Check {
    /** RFC 8200's minimum link MTU. */
    static final int IPV6_MIN_MTU = 1280;
    /** Prefixes a pool must not overlap: they are not unicast addresses one can route to a TUN. */
    private static final List<InetPrefix> RESERVED = List.of(
            InetPrefix.parse("::/8"), // unspecified, loopback, IPv4-compatible and IPv4-mapped
            InetPrefix.parse("fe80::/10"), // link-local: never routed
            InetPrefix.parse("ff00::/8")); // multicast

    private ClientPool6Check() {}

    static List<String> problems(InetPrefix pool) {
        List<String> problems = new ArrayList<>();
        if (!pool.isIpv6()) {
            problems.add("client-pool6 must be an IPv6 prefix such as fd00:77::/64, got " + pool
                    + " (the IPv4 pool is client-pool)");
            return problems;
        }
        if (pool.prefixLength() < Ipv6AddressPool.SHORTEST_PREFIX) {
            problems.add("client-pool6 " + pool + " is larger than a /" + Ipv6AddressPool.SHORTEST_PREFIX
                    + ": take one /64 out of it");
        } else if (pool.prefixLength() > Ipv6AddressPool.LONGEST_PREFIX) {
            problems.add("client-pool6 " + pool + " is too small: at most a /" + Ipv6AddressPool.LONGEST_PREFIX
                    + " (254 clients)");
        }
        for (InetPrefix reserved : RESERVED) {
            if (reserved.overlaps(pool)) {
                problems.add("client-pool6 " + pool + " overlaps " + reserved
                        + ", which is not routable unicast: use a global prefix or a ULA such as fd00:77::/64");
            }
        }
        return problems;
    }
}
