package dev.braid.core.config;

import java.math.BigInteger;
import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.UnknownHostException;
import dev.braid.core.wire.Ipv6Address;
import java.util.regex.Pattern;

/**
 * An IPv4 or IPv6 network in CIDR form: {@code 10.77.0.0/16}, {@code fd00:77::/64}. Strict as
 * {@link IpPrefix}: literals only (parsing never does DNS), a prefix length within the family's
 * bits, no bits set after the prefix. Written back in the JDK's IPv6 form with {@code ::}.
 */
public record InetPrefix(InetAddress address, int prefixLength) {
    private static final Pattern IPV6_LITERAL = Pattern.compile("[0-9A-Fa-f:.]*:[0-9A-Fa-f:.]*");

    public InetPrefix {
        if (!(address instanceof Inet4Address) && !(address instanceof Inet6Address)) {
            throw new IllegalArgumentException("address must be an IPv4 or IPv6 address");
        }
        int bits = address.getAddress().length * 8;
        if (prefixLength < 0 || prefixLength > bits) {
            throw new IllegalArgumentException("prefix length must be 0.." + bits + ", got " + prefixLength);
        }
        BigInteger value = new BigInteger(1, address.getAddress());
        BigInteger network = masked(value, prefixLength, bits);
        if (!network.equals(value)) {
            throw new IllegalArgumentException("host bits set in " + text(address) + "/" + prefixLength
                    + " (did you mean " + text(toAddress(network, bits)) + "/" + prefixLength + "?)");
        }
    }

    /** @throws IllegalArgumentException with a message fit for a config error */
    public static InetPrefix parse(String text) {
        int slash = text.indexOf('/');
        if (slash < 0) {
            throw new IllegalArgumentException("invalid CIDR '" + text + "' (expected e.g. 10.77.0.0/16 or fd00:77::/64)");
        }
        String host = text.substring(0, slash);
        if (!host.contains(":")) {
            IpPrefix v4 = IpPrefix.parse(text);
            return new InetPrefix(v4.address(), v4.prefixLength());
        }
        InetAddress address = parseIpv6(host, text);
        String length = text.substring(slash + 1);
        if (!length.matches("[0-9]{1,3}") || Integer.parseInt(length) > 128) {
            throw new IllegalArgumentException("invalid CIDR '" + text + "': prefix length must be 0..128");
        }
        return new InetPrefix(address, Integer.parseInt(length));
    }

    private static InetAddress parseIpv6(String host, String context) {
        if (!IPV6_LITERAL.matcher(host).matches()) {
            throw new IllegalArgumentException("invalid IPv6 address in '" + context + "'");
        }
        try {
            InetAddress address = InetAddress.getByName(host); // a literal with ':' is parsed, never looked up
            if (!(address instanceof Inet6Address)) {
                // the JDK turns ::ffff:a.b.c.d into IPv4; such a prefix means IPv4 and belongs in IPv4 form
                throw new IllegalArgumentException("'" + context + "' is an IPv4-mapped address: write it as IPv4");
            }
            return address;
        } catch (UnknownHostException e) {
            throw new IllegalArgumentException("invalid IPv6 address in '" + context + "'");
        }
    }

    public boolean isIpv6() {
        return address instanceof Inet6Address;
    }

    /** Whether {@code candidate} (of either family) lies inside; never across families. */
    public boolean contains(InetAddress candidate) {
        byte[] raw = candidate.getAddress();
        int bits = raw.length * 8;
        if (raw.length != address.getAddress().length) {
            return false;
        }
        return masked(new BigInteger(1, raw), prefixLength, bits).equals(new BigInteger(1, address.getAddress()));
    }

    /** Whether the two networks share an address (one contains the other); never across families. */
    public boolean overlaps(InetPrefix other) {
        return prefixLength <= other.prefixLength ? contains(other.address) : other.contains(address);
    }

    /** 2^(bits - prefix length): how many addresses the network spans. */
    public BigInteger size() {
        return BigInteger.ONE.shiftLeft(address.getAddress().length * 8 - prefixLength);
    }

    private static BigInteger masked(BigInteger value, int prefixLength, int bits) {
        BigInteger hostMask = BigInteger.ONE.shiftLeft(bits - prefixLength).subtract(BigInteger.ONE);
        return value.andNot(hostMask);
    }

    private static InetAddress toAddress(BigInteger value, int bits) {
        byte[] raw = new byte[bits / 8];
        byte[] magnitude = value.toByteArray();
        int copy = Math.min(magnitude.length, raw.length);
        System.arraycopy(magnitude, magnitude.length - copy, raw, raw.length - copy, copy);
        try {
            return InetAddress.getByAddress(raw);
        } catch (UnknownHostException e) {
            throw new AssertionError("4 or 16 bytes are always an address", e);
        }
    }

    private static String text(InetAddress address) {
        return address instanceof Inet6Address v6 ? Ipv6Address.of(v6).toString() : address.getHostAddress();
    }

    @Override
    public String toString() {
        return text(address) + "/" + prefixLength;
    }
}
