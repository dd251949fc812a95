package dev.braid.testbed.linkem;

import dev.braid.testbed.link.LinkSpec;
import java.net.InetSocketAddress;
import java.util.Objects;

/**
 * What one {@link LinkEmulator} relays and how.
 *
 * @param listen                     where clients send to (port 0 = any free port)
 * @param target                     where their datagrams go (e.g. the proxy)
 * @param link                       shaping of the up (client -> target) and down direction
 * @param natTimeoutNanos            an idle mapping is forgotten after this long; 0 = never
 * @param endpointDependentFiltering accept replies on an outward port only from the target
 * @param seed                       seed of the link models' loss and jitter
 * @param outwardBind                local address of the outward (per-client) sockets, port 0; null =
 *                                   the listen address if the target is on loopback, else the wildcard
 */
public record LinkemConfig(
        InetSocketAddress listen,
        InetSocketAddress target,
        LinkSpec link,
        long natTimeoutNanos,
        boolean endpointDependentFiltering,
        long seed,
        InetSocketAddress outwardBind) {

    /** Like a typical home NAT's UDP timeout. */
    public static final long DEFAULT_NAT_TIMEOUT_NANOS = 30_000_000_000L;

    public LinkemConfig {
        Objects.requireNonNull(listen, "listen");
        Objects.requireNonNull(target, "target");
        Objects.requireNonNull(link, "link");
        if (natTimeoutNanos < 0) {
            throw new IllegalArgumentException("NAT timeout must be >= 0");
        }
        if (outwardBind == null) {
            // Loopback to loopback stays on loopback; otherwise let routing pick the source address.
            outwardBind = target.getAddress() != null && target.getAddress().isLoopbackAddress()
                    ? new InetSocketAddress(listen.getAddress(), 0)
                    : new InetSocketAddress(0);
        }
        if (outwardBind.getPort() != 0) {
            throw new IllegalArgumentException("outward sockets take fresh ports: the bind port must be 0");
        }
    }

    /** Defaults: 30 s NAT timeout, endpoint-independent filtering, seed 1, default outward bind. */
    public static LinkemConfig of(InetSocketAddress listen, InetSocketAddress target, LinkSpec link) {
        return new LinkemConfig(listen, target, link, DEFAULT_NAT_TIMEOUT_NANOS, false, 1, null);
    }

    public LinkemConfig withNatTimeoutNanos(long nanos) {
        return new LinkemConfig(listen, target, link, nanos, endpointDependentFiltering, seed, outwardBind);
    }

    public LinkemConfig withEndpointDependentFiltering(boolean on) {
        return new LinkemConfig(listen, target, link, natTimeoutNanos, on, seed, outwardBind);
    }

    public LinkemConfig withSeed(long newSeed) {
        return new LinkemConfig(listen, target, link, natTimeoutNanos, endpointDependentFiltering, newSeed, outwardBind);
    }

    public LinkemConfig withOutwardBind(InetSocketAddress bind) {
        return new LinkemConfig(listen, target, link, natTimeoutNanos, endpointDependentFiltering, seed, bind);
    }
}
