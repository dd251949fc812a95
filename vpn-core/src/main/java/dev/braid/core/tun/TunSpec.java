package dev.braid.core.tun;

import dev.braid.core.config.IpPrefix;
import java.net.Inet4Address;
import java.util.List;

/**
 * What a tunnel end's interface must look like.
 *
 * @param name         device name (or a pattern like {@code braid%d})
 * @param address      this end's tunnel address
 * @param prefixLength the tunnel prefix (the proxy's pool, or the client's assigned prefix)
 * @param mtu          tunnel MTU
 * @param routes       extra destinations to route into the tunnel (client side)
 */
public record TunSpec(String name, Inet4Address address, int prefixLength, int mtu, List<IpPrefix> routes) {
    public TunSpec {
        routes = List.copyOf(routes);
    }
}
