package dev.braid.core.login;

import java.net.Inet6Address;
import java.util.Objects;

/**
 * The IPv6 half of a client's tunnel addresses, granted beside the IPv4 one when the proxy has a
 * {@code client-pool6}.
 *
 * @param address      the client's IPv6 address inside the tunnel
 * @param prefixLength the pool's prefix length (64..128)
 */
public record Ipv6Assignment(Inet6Address address, int prefixLength) {
    public Ipv6Assignment {
        Objects.requireNonNull(address, "address");
        if (prefixLength < 64 || prefixLength > 128) {
            throw new IllegalArgumentException("IPv6 tunnel prefix length must be 64..128, got " + prefixLength);
        }
    }

    @Override
    public String toString() {
        return dev.braid.core.wire.Ipv6Address.of(address) + "/" + prefixLength;
    }
}
