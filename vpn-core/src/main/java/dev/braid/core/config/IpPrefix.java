package dev.braid.core.config;

import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.UnknownHostException;

/**
 * An IPv4 network in CIDR form, e.g. {@code 10.77.0.0/16}. Strict: four decimal octets (no host
 * names, so parsing never does DNS), a prefix length 0..32, and no bits set after the prefix.
 */
public record IpPrefix(Inet4Address address, int prefixLength) {

    public IpPrefix {
        if (address == null) {
            throw new IllegalArgumentException("address must not be null");
        }
        if (prefixLength < 0 || prefixLength > 32) {
            throw new IllegalArgumentException("prefix length must be 0..32, got " + prefixLength);
        }
        int bits = toInt(address);
        if ((bits & ~mask(prefixLength)) != 0) {
            throw new IllegalArgumentException("host bits set in " + address.getHostAddress() + "/" + prefixLength
                    + " (did you mean " + fromInt(bits & mask(prefixLength)).getHostAddress() + "/" + prefixLength + "?)");
        }
    }

    /** @throws IllegalArgumentException with a message fit for a config error */
    public static IpPrefix parse(String text) {
        int slash = text.indexOf('/');
        if (slash < 0) {
            throw new IllegalArgumentException("invalid CIDR '" + text + "' (expected e.g. 10.77.0.0/16)");
        }
        Inet4Address address = parseAddress(text.substring(0, slash), text);
        String length = text.substring(slash + 1);
        if (!length.matches("[0-9]{1,2}") || Integer.parseInt(length) > 32) {
            throw new IllegalArgumentException("invalid CIDR '" + text + "': prefix length must be 0..32");
        }
        return new IpPrefix(address, Integer.parseInt(length));
    }

    /** Parses a dotted-quad IPv4 address strictly. */
    public static Inet4Address parseAddress(String dottedQuad) {
        return parseAddress(dottedQuad, dottedQuad);
    }

    private static Inet4Address parseAddress(String dottedQuad, String context) {
        String[] parts = dottedQuad.split("\\.", -1);
        if (parts.length != 4) {
            throw new IllegalArgumentException("invalid IPv4 address in '" + context + "'");
        }
        byte[] bytes = new byte[4];
        for (int i = 0; i < 4; i++) {
            if (!parts[i].matches("[0-9]{1,3}") || Integer.parseInt(parts[i]) > 255) {
                throw new IllegalArgumentException("invalid IPv4 address in '" + context + "': bad octet '" + parts[i] + "'");
            }
            bytes[i] = (byte) Integer.parseInt(parts[i]);
        }
        try {
            return (Inet4Address) InetAddress.getByAddress(bytes);
        } catch (UnknownHostException e) {
            throw new AssertionError("4 bytes is always a valid address", e);
        }
    }

    public boolean contains(Inet4Address candidate) {
        int mask = mask(prefixLength);
        return (toInt(candidate) & mask) == toInt(address);
    }

    /** The network mask, e.g. 0xFFFF0000 for /16. */
    public int maskBits() {
        return mask(prefixLength);
    }

    private static int mask(int prefixLength) {
        return prefixLength == 0 ? 0 : -1 << (32 - prefixLength);
    }

    private static int toInt(Inet4Address address) {
        byte[] b = address.getAddress();
        return (b[0] & 0xFF) << 24 | (b[1] & 0xFF) << 16 | (b[2] & 0xFF) << 8 | (b[3] & 0xFF);
    }

    private static Inet4Address fromInt(int bits) {
        try {
            return (Inet4Address) InetAddress.getByAddress(
                    new byte[] {(byte) (bits >>> 24), (byte) (bits >>> 16), (byte) (bits >>> 8), (byte) bits});
        } catch (UnknownHostException e) {
            throw new AssertionError(e);
        }
    }

    @Override
    public String toString() {
        return address.getHostAddress() + "/" + prefixLength;
    }
}
