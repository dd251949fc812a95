package dev.braid.core.wire;

import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.UnknownHostException;

/**
 * An IPv6 address as two longs (high and low 64 bits), so the data path compares and hashes it
 * without byte arrays; written in RFC 5952's form.
 */
public record Ipv6Address(long hi, long lo) {

    public static Ipv6Address of(Inet6Address address) {
        byte[] raw = address.getAddress();
        return new Ipv6Address(longAt(raw, 0), longAt(raw, 8));
    }

    /** The address {@code offset} further (carrying into the high half). */
    public Ipv6Address plus(long offset) {
        long sum = lo + offset;
        return new Ipv6Address(Long.compareUnsigned(sum, lo) < 0 ? hi + 1 : hi, sum);
    }

    public Inet6Address toInet() {
        byte[] raw = new byte[16];
        for (int i = 0; i < 8; i++) {
            raw[i] = (byte) (hi >>> (56 - 8 * i));
            raw[i + 8] = (byte) (lo >>> (56 - 8 * i));
        }
        try {
            return (Inet6Address) InetAddress.getByAddress(raw);
        } catch (UnknownHostException e) {
            throw new AssertionError("16 bytes are always an IPv6 address", e);
        }
    }

    private static long longAt(byte[] raw, int offset) {
        long value = 0;
        for (int i = 0; i < 8; i++) {
            value = value << 8 | (raw[offset + i] & 0xFF);
        }
        return value;
    }

    /** RFC 5952: lower case, no leading zeros, the longest run of two or more zero groups as {@code ::}. */
    public static String format(long hi, long lo) {
        int[] groups = new int[8];
        for (int i = 0; i < 4; i++) {
            groups[i] = (int) (hi >>> (48 - 16 * i)) & 0xFFFF;
            groups[i + 4] = (int) (lo >>> (48 - 16 * i)) & 0xFFFF;
        }
        int bestStart = -1;
        int bestLength = 1;
        for (int i = 0; i < 8; i++) {
            int j = i;
            while (j < 8 && groups[j] == 0) {
                j++;
            }
            if (j - i > bestLength) {
                bestStart = i;
                bestLength = j - i;
            }
            i = Math.max(i, j);
        }
        StringBuilder text = new StringBuilder();
        for (int i = 0; i < 8; i++) {
            if (i == bestStart) {
                text.append("::");
                i += bestLength - 1;
                continue;
            }
            if (text.length() > 0 && text.charAt(text.length() - 1) != ':') {
                text.append(':');
            }
            text.append(Integer.toHexString(groups[i]));
        }
        return text.toString();
    }

    @Override
    public String toString() {
        return format(hi, lo);
    }
}
