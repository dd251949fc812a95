package dev.braid.core.login;

import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.UnknownHostException;

/**
 * The subnet an address belongs to for limits and log summaries: /24 for IPv4, /64 for IPv6,
 * roughly what one customer or one attacker's host controls.
 */
public final class Subnets {

    private Subnets() {
    }

    /** "10.0.0.0/24" or "2001:db8:0:1:0:0:0:0/64". */
    public static String of(InetAddress address) {
        byte[] raw = address.getAddress();
        int keep = address instanceof Inet4Address ? 3 : 8;
        for (int i = keep; i < raw.length; i++) {
            raw[i] = 0;
        }
        try {
            return InetAddress.getByAddress(raw).getHostAddress() + (address instanceof Inet6Address ? "/64" : "/24");
        } catch (UnknownHostException e) {
            throw new IllegalStateException("4 or 16 bytes are always an address", e);
        }
    }

    /**
     * The source a login is counted for in the failure limits ({@link ServerLogin#onMessage}): an
     * IPv4 address as itself (a NAT's neighbours are other customers), an IPv6 address as its /64,
     * since any host picks any address of its /64 (privacy addresses rotate by design), so per
     * address it would have 2^64 budgets and a user's own source would change every day.
     */
    public static String loginSource(InetAddress address) {
        return address instanceof Inet4Address ? address.getHostAddress() : of(address);
    }

    /**
     * The subnet of an address literal as {@link ServerLogin} receives it; anything that is not a
     * literal (test names) is its own subnet. Never resolves a name.
     */
    static String ofLiteral(String source) {
        int lastDot = source.lastIndexOf('.');
        if (source.indexOf(':') < 0 && lastDot > 0 && source.chars().allMatch(c -> c == '.' || (c >= '0' && c <= '9'))) {
            return source.substring(0, lastDot) + ".0/24";
        }
        if (source.indexOf(':') >= 0 && source.chars().allMatch(c -> c == ':' || c == '.' || c == '%'
                || Character.digit(c, 16) >= 0)) {
            try {
                return of(InetAddress.getByName(source)); // an IPv6 literal: parsed, never looked up
            } catch (UnknownHostException e) {
                return source;
            }
        }
        return source;
    }
}
