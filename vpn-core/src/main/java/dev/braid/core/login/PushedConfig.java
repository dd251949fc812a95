package dev.braid.core.login;

import dev.braid.core.config.InetPrefix;
import java.net.InetAddress;
import java.util.List;
import java.util.regex.Pattern;

/**
 * What the proxy tells a client to use beside its own config (in ACCEPT extensions, so the MAC
 * covers it): routes into the tunnel, DNS servers and search domains.
 *
 * @param routes        networks the client routes into the tunnel too
 * @param dnsServers    DNS servers for the tunnel's interface
 * @param searchDomains search domains for it (letters, digits, dots and hyphens; {@code ~} in front
 *                      routes a domain there without searching it, {@code ~.} every name)
 */
public record PushedConfig(List<InetPrefix> routes, List<InetAddress> dnsServers, List<String> searchDomains) {
    public static final PushedConfig NONE = new PushedConfig(List.of(), List.of(), List.of());
    /** A name, "~name" (route it there without searching it) or "~." (every name), as resolvectl takes them. */
    private static final Pattern DOMAIN = Pattern.compile("~\\.|~?[A-Za-z0-9]([A-Za-z0-9.-]{0,251}[A-Za-z0-9])?");

    public PushedConfig {
        routes = List.copyOf(routes);
        dnsServers = List.copyOf(dnsServers);
        searchDomains = List.copyOf(searchDomains);
        for (String domain : searchDomains) {
            if (!isDomain(domain)) {
                throw new IllegalArgumentException("not a search domain: '" + domain
                        + "' (letters, digits, dots and hyphens, at most 253 characters, ~ in front to route only)");
            }
        }
    }

    public static boolean isDomain(String name) {
        return DOMAIN.matcher(name).matches();
    }

    public boolean isEmpty() {
        return routes.isEmpty() && dnsServers.isEmpty() && searchDomains.isEmpty();
    }
}
