package dev.braid.core.proxy;

import dev.braid.core.config.InetPrefix;
import dev.braid.core.login.PushedConfig;
import java.net.InetAddress;
import java.util.ArrayList;
import java.util.List;

/**
 * The proxy's {@code push-*} keys: DNS servers are address literals (never looked up), domains
 * as resolvectl takes them ({@code ~} routes a domain without searching it), and the lists are
 * small enough to fit one ACCEPT beside everything else.
 */
final class PushedConfigCheck {
    static final int MAX_ROUTES = 64;
    static final int MAX_DNS = 8;
    static final int MAX_DOMAINS = 8;

    private PushedConfigCheck() {}

    static List<String> problems(List<InetPrefix> routes, List<String> dns, List<String> domains) {
        List<String> problems = new ArrayList<>();
        if (routes.size() > MAX_ROUTES) {
            problems.add("push-routes holds " + routes.size() + " networks, at most " + MAX_ROUTES);
        }
        if (dns.size() > MAX_DNS) {
            problems.add("push-dns holds " + dns.size() + " servers, at most " + MAX_DNS);
        }
        for (String server : dns) {
            try {
                literal(server);
            } catch (IllegalArgumentException e) {
                problems.add("push-dns: '" + server + "' is not an IPv4 or IPv6 address");
            }
        }
        if (domains.size() > MAX_DOMAINS) {
            problems.add("push-domains holds " + domains.size() + " domains, at most " + MAX_DOMAINS);
        }
        for (String domain : domains) {
            if (!PushedConfig.isDomain(domain)) {
                problems.add("push-domains: '" + domain + "' is not a domain name (letters, digits, dots, hyphens; "
                        + "~ in front routes it without searching it; ~. routes every name)");
            }
        }
        return problems;
    }

    static PushedConfig pushed(List<InetPrefix> routes, List<String> dns, List<String> domains) {
        return new PushedConfig(routes, dns.stream().map(PushedConfigCheck::literal).toList(), domains);
    }

    private static InetAddress literal(String address) {
        return InetPrefix.parse(address + (address.contains(":") ? "/128" : "/32")).address();
    }
}
