package dev.braid.core.proxy;

import dev.braid.core.net.IpFamily;
import java.net.InetSocketAddress;

/**
 * Which address families the proxy's one UDP socket serves, for its start line: {@code [::]}
 * serves both (IPV6_V6ONLY off), {@code 0.0.0.0} or an IPv4 address only IPv4, any other IPv6
 * address only IPv6 (the kernel delivers IPv4 only to the wildcard or a mapped address).
 */
final class ListenFamilies {
    private ListenFamilies() {}

    /** @param ipv6Only the socket's IPV6_V6ONLY (ignored for an IPv4 socket) */
    static String describe(InetSocketAddress bound, boolean ipv6Only) {
        if (IpFamily.of(bound.getAddress()) == IpFamily.IPV4) {
            return "IPv4 only";
        }
        return bound.getAddress().isAnyLocalAddress() && !ipv6Only ? "IPv4 and IPv6" : "IPv6 only";
    }
}
