package dev.braid.snat;

import dev.braid.core.config.InetPrefix;
import dev.braid.core.wire.Ipv4;
import java.util.regex.Pattern;

/**
 * The nftables table the proxy installs: masquerade for the client pool leaving by the egress
 * interface, and nothing else. Validates its inputs because they end up in an nft script.
 *
 * @param family          IPv4 (nft family {@code ip}) or client-pool6's IPv6 ({@code ip6}): one table of one name per family
 * @param table           nftables table name
 * @param poolCidr        client pool, normalized to its network address, e.g. {@code 10.77.0.0/24}
 * @param egressInterface interface the pool's traffic leaves by, e.g. {@code eth0}
 */
record SnatRuleset(SnatFamily family, String table, String poolCidr, String egressInterface) {
    private static final Pattern TABLE_NAME = Pattern.compile("[A-Za-z][A-Za-z0-9_]{0,62}");
    // Linux interface names: at most 15 bytes, no '/', no whitespace; we also refuse quotes.
    private static final Pattern INTERFACE_NAME = Pattern.compile("[A-Za-z0-9_.:@+-]{1,15}");

    SnatRuleset {
        checkTableName(table);
        checkInterfaceName(egressInterface);
        poolCidr = family == SnatFamily.IPV6 ? normalizeCidr6(poolCidr) : normalizeCidr(poolCidr);
    }

    /** The IPv4 table. */
    SnatRuleset(String table, String poolCidr, String egressInterface) {
        this(SnatFamily.IPV4, table, poolCidr, egressInterface);
    }

    /** @return the IPv6 {@code cidr} in its canonical form; host bits set are refused (nft would) */
    static String normalizeCidr6(String cidr) {
        String problem = "client pool6 '" + cidr + "' is not an IPv6 CIDR like fd00:77::/64";
        InetPrefix prefix;
        try {
            prefix = InetPrefix.parse(cidr == null ? "" : cidr.strip());
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(problem + ": " + e.getMessage(), e);
        }
        if (!prefix.isIpv6() || prefix.prefixLength() < 1) {
            throw new IllegalArgumentException(problem);
        }
        return prefix.toString();
    }

    static void checkTableName(String table) {
        if (table == null || !TABLE_NAME.matcher(table).matches()) {
            throw new IllegalArgumentException("snat table name '" + table
                    + "' is not valid: use a letter, then letters, digits or '_'");
        }
    }

    static void checkInterfaceName(String name) {
        if (name == null || !INTERFACE_NAME.matcher(name).matches()) {
            throw new IllegalArgumentException("snat egress interface '" + name + "' is not a valid interface name");
        }
    }

    /** @return {@code cidr} with host bits cleared; nft refuses a prefix with host bits set */
    static String normalizeCidr(String cidr) {
        String[] parts = cidr == null ? new String[0] : cidr.strip().split("/", -1);
        if (parts.length != 2) {
            throw new IllegalArgumentException("client pool '" + cidr + "' is not an IPv4 CIDR like 10.77.0.0/24");
        }
        int prefix;
        int address;
        try {
            prefix = Integer.parseInt(parts[1]);
            address = Ipv4.parse(parts[0]);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("client pool '" + cidr + "' is not an IPv4 CIDR like 10.77.0.0/24", e);
        }
        if (prefix < 1 || prefix > 32) {
            throw new IllegalArgumentException("client pool '" + cidr + "' has a prefix length outside 1..32");
        }
        int mask = -1 << (32 - prefix);
        return Ipv4.format(address & mask) + "/" + prefix;
    }

    /**
     * The script for {@code nft -f -}. "add table; delete table" first makes it one transaction
     * that replaces a stale table of ours, if any, and creates it otherwise.
     */
    String script() {
        String pool = poolCidr;
        String dev = '"' + egressInterface + '"';
        String ip = family.nft;
        return "add table " + ip + " " + table + "\n"
                + "delete table " + ip + " " + table + "\n"
                + "table " + ip + " " + table + " {\n"
                + "    chain postrouting {\n"
                + "        type nat hook postrouting priority 100; policy accept;\n"
                // Only the pool, only out of the egress interface: the proxy's own traffic and
                // traffic between clients keep their addresses.
                + "        " + ip + " saddr " + pool + " oifname " + dev + " masquerade\n"
                + "    }\n"
                + "    chain forward {\n"
                // An accept here ends only this chain: a drop in another table's forward chain
                // (a host firewall) still drops the packet. Such a firewall must allow the pool.
                + "        type filter hook forward priority 0; policy accept;\n"
                + "        " + ip + " saddr " + pool + " oifname " + dev + " accept\n"
                + "        " + ip + " daddr " + pool + " iifname " + dev + " ct state established,related accept\n"
                + "    }\n"
                + "}\n";
    }

    /** One line for the info log. */
    String summary() {
        return "nftables table " + family.nft + " " + table + ": masquerade " + poolCidr + " leaving by " + egressInterface
                + ", forward accept " + poolCidr + " <-> " + egressInterface;
    }
}
