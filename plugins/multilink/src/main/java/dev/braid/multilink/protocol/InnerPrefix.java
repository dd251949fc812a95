package dev.braid.multilink.protocol;

import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.UnknownHostException;

/**
 * An inner address prefix, IPv4 ({@code 10.0.0.0/8}) or IPv6 ({@code 2001:db8::/32}), in the
 * two-long form of {@link PacketFacts}; a bare address is a /32 or /128.
 */
public record InnerPrefix(int version, long hi, long lo, int length) {

    public InnerPrefix {
        int max = version == 4 ? 32 : 128;
        if ((version != 4 && version != 6) || length < 0 || length > max) {
            throw new IllegalArgumentException("prefix length must be 0.." + max + ", got " + length);
        }
        if ((hi & ~hiMask(version, length)) != 0 || (lo & ~loMask(version, length)) != 0) {
            throw new IllegalArgumentException("host bits set in " + FlowTuples.address(version, hi, lo) + "/" + length);
        }
    }

    /** @throws IllegalArgumentException with a message fit for a config error */
    public static InnerPrefix parse(String text) {
        String trimmed = text.trim();
        int slash = trimmed.indexOf('/');
        String addressText = slash < 0 ? trimmed : trimmed.substring(0, slash);
        boolean v6 = addressText.contains(":");
        int max = v6 ? 128 : 32;
        int length = max;
        if (slash >= 0) {
            String lengthText = trimmed.substring(slash + 1);
            if (!lengthText.matches("[0-9]{1,3}") || Integer.parseInt(lengthText) > max) {
                throw new IllegalArgumentException("invalid prefix '" + text + "': length must be 0.." + max);
            }
            length = Integer.parseInt(lengthText);
        }
        long hi = 0;
        long lo;
        if (v6) {
            byte[] b = ipv6Bytes(addressText, text);
            hi = longAt(b, 0);
            lo = longAt(b, 8);
        } else {
            byte[] b = parseIpv4(addressText, text);
            lo = longAt(b, 0) >>> 32;
        }
        int version = v6 ? 6 : 4;
        long networkHi = hi & hiMask(version, length);
        long networkLo = lo & loMask(version, length);
        if (networkHi != hi || networkLo != lo) {
            throw new IllegalArgumentException("host bits set in '" + text + "' (did you mean "
                    + new InnerPrefix(version, networkHi, networkLo, length) + "?)");
        }
        return new InnerPrefix(version, hi, lo, length);
    }

    /** Whether the address ({@code version} 4 or 6, as in {@link PacketFacts}) is inside. */
    public boolean contains(int addressVersion, long addressHi, long addressLo) {
        if (addressVersion != version) {
            return false;
        }
        return (addressHi & hiMask(version, length)) == hi && (addressLo & loMask(version, length)) == lo;
    }

    private static long hiMask(int version, int length) {
        int bits = version == 6 ? Math.min(length, 64) : 0;
        return bits == 0 ? 0 : -1L << (64 - bits);
    }

    private static long loMask(int version, int length) {
        int bits = version == 6 ? Math.max(length - 64, 0) : length;
        long mask = bits == 0 ? 0 : -1L << (64 - bits);
        return version == 6 ? mask : mask >>> 32;
    }

    private static byte[] parseIpv4(String address, String context) {
        String[] parts = address.split("\\.", -1);
        byte[] b = new byte[4];
        for (int i = 0; i < 4; i++) {
            if (parts.length != 4 || !parts[i].matches("[0-9]{1,3}") || Integer.parseInt(parts[i]) > 255) {
                throw new IllegalArgumentException("invalid address in '" + context
                        + "' (expected e.g. 10.0.0.0/8 or 2001:db8::/32)");
            }
            b[i] = (byte) Integer.parseInt(parts[i]);
        }
        return b;
    }

    /** Only hex digits, colons and dots reach InetAddress, so it parses a literal and never asks DNS. */
    private static byte[] ipv6Bytes(String address, String context) {
        if (!address.matches("[0-9A-Fa-f:.]+")) {
            throw new IllegalArgumentException("invalid address in '" + context + "' (expected e.g. 2001:db8::/32)");
        }
        try {
            InetAddress parsed = InetAddress.getByName(address);
            if (parsed instanceof Inet4Address v4) { // ::ffff:a.b.c.d comes back as IPv4; packets carry it mapped
                byte[] b = new byte[16];
                b[10] = (byte) 0xFF;
                b[11] = (byte) 0xFF;
                System.arraycopy(v4.getAddress(), 0, b, 12, 4);
                return b;
            }
            return parsed.getAddress();
        } catch (UnknownHostException e) {
            throw new IllegalArgumentException("invalid address in '" + context + "' (expected e.g. 2001:db8::/32)");
        }
    }

    private static long longAt(byte[] b, int offset) {
        long value = 0;
        for (int i = 0; i < 8; i++) {
            value = value << 8 | (offset + i < b.length ? b[offset + i] & 0xFF : 0);
        }
        return value;
    }

    @Override
    public String toString() {
        return FlowTuples.address(version, hi, lo) + "/" + length;
    }
}
