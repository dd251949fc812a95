package dev.braid.core.client;

import dev.braid.core.config.HostPort;
import dev.braid.core.net.IpFamily;
import io.netty.util.NetUtil;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Where a link's socket binds and which of the proxy's addresses it sends to: one family per
 * link, chosen per link, so one client may reach one proxy over IPv4 on Wi-Fi and over IPv6 on
 * LTE. {@link #choose} is the rule, without I/O; {@link #resolve} looks the proxy's name up first.
 * <ol>
 *   <li>With {@code local-address}: its family, and the proxy's first address of that family.</li>
 *   <li>Else with an interface: the proxy's first address of a family the interface has.</li>
 *   <li>Else the proxy's first address (the resolver's order).</li>
 * </ol>
 * The socket binds {@code local-address}, else the family's wildcard (0.0.0.0 or ::): an IPv4
 * socket cannot send to IPv6 and the other way round.
 */
public final class LinkEndpoints {
    /** The link socket's bind address and its remote. */
    public record Endpoints(InetSocketAddress local, InetSocketAddress remote) {}

    private LinkEndpoints() {}

    /**
     * The endpoints of {@code link}: its own proxy or the client's, resolved now (may block on DNS).
     *
     * @param nicFamilies the families of the link's interface (null when the interface has none or
     *                    the link has no interface)
     * @throws IllegalArgumentException with a sentence for the operator when no family fits
     */
    public static Endpoints resolve(LinkConfig link, HostPort clientProxy, Set<IpFamily> nicFamilies)
            throws UnknownHostException {
        HostPort proxy = link.getProxy() != null ? link.getProxy() : clientProxy;
        InetAddress local = link.getLocalAddress().isEmpty() ? null : parseLocalAddress(link.getName(),
                link.getLocalAddress());
        return choose(link.getName(), proxy, proxy.resolveAll(), local,
                link.getInterface().isEmpty() ? null : nicFamilies);
    }

    /**
     * @param proxy          the link's proxy as configured (for messages and the port)
     * @param proxyAddresses what {@code proxy}'s host resolved to, in order; not empty
     * @param localAddress   the link's {@code local-address}, or null
     * @param nicFamilies    the families the link's interface has addresses of, or null without an interface
     * @throws IllegalArgumentException with a sentence for the operator when no family fits
     */
    public static Endpoints choose(String link, HostPort proxy, List<InetAddress> proxyAddresses,
            InetAddress localAddress, Set<IpFamily> nicFamilies) {
        Set<IpFamily> wanted = localAddress != null ? Set.of(IpFamily.of(localAddress))
                : nicFamilies != null ? nicFamilies : Set.of(IpFamily.values());
        InetAddress remote = proxyAddresses.stream().filter(a -> wanted.contains(IpFamily.of(a))).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("link " + link + ": "
                        + (localAddress != null ? "local-address " + localAddress.getHostAddress() + " is "
                                : "its interface has addresses of ") + labels(wanted) + " only, but proxy " + proxy
                        + " has " + labels(proxyAddresses.stream().map(IpFamily::of).collect(Collectors.toSet()))
                        + " addresses only (" + proxyAddresses.stream().map(InetAddress::getHostAddress)
                                .collect(Collectors.joining(", ")) + "): give the link a proxy of its family"));
        InetSocketAddress local = localAddress != null ? new InetSocketAddress(localAddress, 0)
                : IpFamily.of(remote).anyLocal();
        return new Endpoints(local, new InetSocketAddress(remote, proxy.port()));
    }

    /**
     * A {@code local-address} literal, never looked up.
     *
     * @throws IllegalArgumentException when it is not an IPv4 or IPv6 address
     */
    public static InetAddress parseLocalAddress(String link, String text) {
        InetAddress address = NetUtil.createInetAddressFromIpAddressString(text);
        if (address == null) {
            throw new IllegalArgumentException("link " + link + ": local-address '" + text
                    + "' is not an IPv4 or IPv6 address of this host");
        }
        return address;
    }

    private static String labels(Set<IpFamily> families) {
        return families.stream().sorted().map(IpFamily::label).collect(Collectors.joining(" and "));
    }
}
