package dev.braid.testbed.bench.sessions;

/**
 * The generator's addresses. The veth between the namespaces is a /24 with the proxy
 * ({@value #PROXY}) and the generator as the fleet's router ({@value #ROUTER}); every session
 * has its own source address in {@value #FLEET}, spread round robin over {@value #SUBNETS} /24s,
 * which the proxy reaches through that router.
 *
 * <p>Like a fleet's clients: the proxy's per-address and per-/24 HELLO budgets see many
 * clients, not one host, and its ARP table holds one neighbour, the router. With the sessions'
 * addresses on the proxy's own link instead, every session is a neighbour, and beyond the
 * kernel's {@code gc_thresh3} (1024 entries, not settable in a namespace) the proxy's replies to
 * the rest fail with ENOBUFS ("neighbor table overflow"): a login collapse that was the bench's.
 */
final class SourceAddresses {
    static final int SUBNETS = 64;
    static final int PER_SUBNET = 253;
    static final int MAX = SUBNETS * PER_SUBNET;
    static final String PROXY = "10.200.0.1";
    static final String ROUTER = "10.200.0.2";
    static final int LINK_PREFIX = 24;
    static final String FLEET = "10.201.0.0/16";

    private SourceAddresses() {}

    /** Session {@code index}'s address: 10.201.(1 + i mod 64).(2 + i / 64). */
    static String of(int index) {
        if (index < 0 || index >= MAX) {
            throw new IllegalArgumentException("session index must be in [0, " + MAX + "), got " + index);
        }
        return "10.201." + (1 + index % SUBNETS) + "." + (2 + index / SUBNETS);
    }
}
