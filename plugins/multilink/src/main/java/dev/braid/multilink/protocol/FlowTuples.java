package dev.braid.multilink.protocol;

import dev.braid.core.wire.Ipv6Address;
import java.util.List;
import java.util.Locale;

/** The flow key's hash and its printable form ({@code udp 10.0.0.2:5004 > 10.0.0.1:5004}). */
final class FlowTuples {
    /** The printable protocol names, in their number order; see {@link #protocolNumber}. */
    static final List<String> PROTOCOL_NAMES = List.of("icmp", "igmp", "tcp", "udp", "gre", "esp", "ah", "icmpv6",
            "sctp", "udplite");
    private static final int[] PROTOCOL_NUMBERS = {1, 2, 6, 17, 47, 50, 51, 58, 132, 136};

    private FlowTuples() {}

    /**
     * Murmur3's 64-bit finalizer over every key word, so tuples that differ in one port land in
     * unrelated buckets; the seed keeps the bucket of a tuple unknown to whoever floods the table.
     */
    static int hash(long seed, int meta, long srcHi, long srcLo, long dstHi, long dstLo, int ports) {
        long h = seed ^ meta;
        h = combine(h, srcHi);
        h = combine(h, srcLo);
        h = combine(h, dstHi);
        h = combine(h, dstLo);
        h = combine(h, ports);
        h = fmix64(h);
        return (int) (h ^ (h >>> 32));
    }

    private static long combine(long h, long word) {
        return (h ^ fmix64(word + 0x9E3779B97F4A7C15L)) * 0xC2B2AE3D27D4EB4FL;
    }

    private static long fmix64(long k) {
        k ^= k >>> 33;
        k *= 0xFF51AFD7ED558CCDL;
        k ^= k >>> 33;
        k *= 0xC4CEB9FE1A85EC53L;
        k ^= k >>> 33;
        return k;
    }

    /** E.g. {@code udp 10.0.0.2:5004 > 10.0.0.1:5004}, {@code tcp [2001:db8::1]:443 > [2001:db8::2]:51000}. */
    static String describe(int meta, long srcHi, long srcLo, long dstHi, long dstLo, int ports) {
        if ((meta & 2) != 0) {
            return "malformed";
        }
        int version = meta >>> 16;
        int protocol = (meta >>> 8) & 0xFF;
        boolean fragment = (meta & 1) != 0;
        boolean withPorts = !fragment && hasPorts(protocol);
        StringBuilder text = new StringBuilder(protocolName(protocol)).append(' ');
        endpoint(text, version, srcHi, srcLo, withPorts, ports >>> 16);
        text.append(" > ");
        endpoint(text, version, dstHi, dstLo, withPorts, ports & 0xFFFF);
        if (fragment) {
            text.append(" (fragments)");
        }
        return text.toString();
    }

    private static void endpoint(StringBuilder text, int version, long hi, long lo, boolean withPort, int port) {
        String address = address(version, hi, lo);
        if (!withPort) {
            text.append(address);
        } else if (version == 6) {
            text.append('[').append(address).append("]:").append(port);
        } else {
            text.append(address).append(':').append(port);
        }
    }

    /** TCP, UDP, UDP-Lite and SCTP start with the two ports. */
    static boolean hasPorts(int protocol) {
        return protocol == 6 || protocol == 17 || protocol == 136 || protocol == 132;
    }

    static String protocolName(int protocol) {
        for (int i = 0; i < PROTOCOL_NUMBERS.length; i++) {
            if (PROTOCOL_NUMBERS[i] == protocol) {
                return PROTOCOL_NAMES.get(i);
            }
        }
        return "proto-" + protocol;
    }

    /** A name of {@link #PROTOCOL_NAMES} or a number 0..255; -1 when neither. */
    static int protocolNumber(String text) {
        String name = text.trim().toLowerCase(Locale.ROOT);
        int index = PROTOCOL_NAMES.indexOf(name);
        if (index >= 0) {
            return PROTOCOL_NUMBERS[index];
        }
        if (name.matches("[0-9]{1,3}") && Integer.parseInt(name) <= 255) {
            return Integer.parseInt(name);
        }
        return -1;
    }

    /** Dotted quad, or IPv6 in RFC 5952's form (lower case, the longest run of 2+ zero groups as ::). */
    static String address(int version, long hi, long lo) {
        if (version != 6) {
            return (lo >>> 24 & 0xFF) + "." + (lo >>> 16 & 0xFF) + "." + (lo >>> 8 & 0xFF) + "." + (lo & 0xFF);
        }
        return Ipv6Address.format(hi, lo);
    }
}
