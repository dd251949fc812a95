package dev.braid.core.config;

import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.util.List;

/**
 * A host (name, IPv4 literal or IPv6 literal) and a port: {@code proxy.example.org:51820},
 * {@code 10.0.0.1:51820}, {@code [::1]:51820}. Parsing never resolves names.
 */
public record HostPort(String host, int port) {

    public HostPort {
        if (host == null || host.isEmpty()) {
            throw new IllegalArgumentException("host must not be empty");
        }
        if (port < 0 || port > 65535) {
            throw new IllegalArgumentException("port must be 0..65535, got " + port);
        }
    }

    /** @throws IllegalArgumentException with a message fit for a config error */
    public static HostPort parse(String text) {
        String host;
        String port;
        if (text.startsWith("[")) {
            int close = text.indexOf(']');
            if (close < 0 || close + 1 >= text.length() || text.charAt(close + 1) != ':') {
                throw invalid(text, "expected [ipv6]:port");
            }
            host = text.substring(1, close);
            port = text.substring(close + 2);
            if (!host.contains(":")) {
                throw invalid(text, "brackets are only for IPv6 literals");
            }
            if (!isIpv6Literal(host)) {
                throw invalid(text, "'" + host + "' is not an IPv6 address");
            }
        } else {
            int colon = text.lastIndexOf(':');
            if (colon < 0) {
                throw invalid(text, "missing ':port'");
            }
            host = text.substring(0, colon);
            port = text.substring(colon + 1);
            if (host.contains(":")) {
                throw invalid(text, "put IPv6 literals in brackets, e.g. [::1]:51820");
            }
        }
        if (host.isEmpty()) {
            throw invalid(text, "missing host");
        }
        if (!port.matches("[0-9]{1,5}") || Integer.parseInt(port) > 65535) {
            throw invalid(text, "port must be 0..65535");
        }
        return new HostPort(host, Integer.parseInt(port));
    }

    /**
     * An IPv6 literal, with an optional zone ({@code fe80::1%eth0}). Parsed in brackets, which
     * makes Java treat it as a literal only: never a DNS lookup, and the zone is not looked up.
     */
    private static boolean isIpv6Literal(String host) {
        int zone = host.indexOf('%');
        String address = zone < 0 ? host : host.substring(0, zone);
        if (zone >= 0 && !host.substring(zone + 1).matches("[A-Za-z0-9_.-]{1,15}")) {
            return false;
        }
        try {
            return InetAddress.getByName("[" + address + "]") instanceof Inet6Address || address.contains(".");
        } catch (UnknownHostException e) {
            return false;
        }
    }

    private static IllegalArgumentException invalid(String text, String why) {
        return new IllegalArgumentException("invalid host:port '" + text + "': " + why);
    }

    /** An unresolved socket address; the caller decides when to resolve. */
    public InetSocketAddress toUnresolvedAddress() {
        return InetSocketAddress.createUnresolved(host, port);
    }

    /** A socket address, resolving the host name now (may block on DNS). */
    public InetSocketAddress toResolvedAddress() {
        return new InetSocketAddress(host, port);
    }

    /**
     * Every address of the host, in the resolver's order (a literal is itself); may block on DNS.
     *
     * @throws UnknownHostException when the name has no address
     */
    public List<InetAddress> resolveAll() throws UnknownHostException {
        return List.of(InetAddress.getAllByName(host.contains(":") ? "[" + host + "]" : host));
    }

    @Override
    public String toString() {
        return host.contains(":") ? "[" + host + "]:" + port : host + ":" + port;
    }
}
