package dev.braid.core.spi;

/**
 * What a {@link NetworkHook} needs to know about this end's tunnel.
 *
 * @param role        client or proxy
 * @param tunName     the TUN device's name, e.g. {@code braid0}
 * @param localCidr   this end's tunnel address with prefix, e.g. {@code 10.77.0.1/24}
 * @param poolCidr    the proxy's client address pool (proxy) or the tunnel prefix (client)
 * @param localCidr6  this end's IPv6 tunnel address with prefix, e.g. {@code fd00:77::1/64}; empty without IPv6
 * @param poolCidr6   the proxy's {@code client-pool6} (proxy) or the IPv6 tunnel prefix; empty without IPv6
 */
public record TunnelNetwork(Role role, String tunName, String localCidr, String poolCidr, String localCidr6,
                            String poolCidr6) {

    /** An IPv4-only tunnel. */
    public TunnelNetwork(Role role, String tunName, String localCidr, String poolCidr) {
        this(role, tunName, localCidr, poolCidr, "", "");
    }

    public boolean hasIpv6() {
        return !poolCidr6.isEmpty();
    }
}
