package dev.braid.core.tun;

import dev.braid.core.config.InetPrefix;
import java.net.Inet4Address;
import java.net.Inet6Address;
import java.util.List;

/**
 * What a tunnel end's interface must look like.
 *
 * @param name          device name (or a pattern like {@code braid%d})
 * @param address       this end's tunnel address
 * @param prefixLength  the tunnel prefix (the proxy's pool, or the client's assigned prefix)
 * @param mtu           tunnel MTU
 * @param routes        extra destinations of either family to route into the tunnel (client side)
 * @param address6      this end's IPv6 tunnel address, or null for an IPv4-only tunnel
 * @param prefixLength6 the IPv6 tunnel prefix (ignored without {@code address6})
 */
public record TunSpec(String name, Inet4Address address, int prefixLength, int mtu, List<InetPrefix> routes,
                      Inet6Address address6, int prefixLength6) {
    public TunSpec {
        routes = List.copyOf(routes);
    }

    /** An IPv4-only tunnel. */
    public TunSpec(String name, Inet4Address address, int prefixLength, int mtu, List<InetPrefix> routes) {
        this(name, address, prefixLength, mtu, routes, null, 0);
    }
}
