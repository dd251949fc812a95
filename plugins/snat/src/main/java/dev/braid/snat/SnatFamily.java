package dev.braid.snat;

/** An address family the snat table exists in: its nft family keyword, its forwarding sysctl, its {@code ip} flag. */
enum SnatFamily {
    IPV4("ip", "net.ipv4.ip_forward", "-4", "IPv4"),
    // Forwarding on makes the kernel ignore router advertisements where accept_ra is 1 (docs/operations.md).
    IPV6("ip6", "net.ipv6.conf.all.forwarding", "-6", "IPv6");

    final String nft;
    final String forwardingSysctl;
    final String ipFlag;
    final String label;

    SnatFamily(String nft, String forwardingSysctl, String ipFlag, String label) {
        this.nft = nft;
        this.forwardingSysctl = forwardingSysctl;
        this.ipFlag = ipFlag;
        this.label = label;
    }
}
