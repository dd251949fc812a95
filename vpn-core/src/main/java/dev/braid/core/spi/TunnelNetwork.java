package dev.braid.core.spi;

/**
 * What a {@link NetworkHook} needs to know about this end's tunnel.
 *
 * @param role        client or proxy
 * @param tunName     the TUN device's name, e.g. {@code braid0}
 * @param localCidr   this end's tunnel address with prefix, e.g. {@code 10.77.0.1/24}
 * @param poolCidr    the proxy's client address pool (proxy) or the tunnel prefix (client)
 */
public record TunnelNetwork(Role role, String tunName, String localCidr, String poolCidr) {}
