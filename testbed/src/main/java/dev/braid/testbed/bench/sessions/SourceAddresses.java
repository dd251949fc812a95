package dev.braid.testbed.bench.sessions;

/**
 * The generator's source addresses, one per session, spread round robin over {@value #SUBNETS}
 * /24s of 10.200.0.0/16 (the proxy is 10.200.0.1): like a fleet's clients, each session comes
 * from its own address, and the proxy's per-address and per-/24 HELLO budgets see a fleet, not
 * one host.
 */
final class SourceAddresses {
    static final int SUBNETS = 64;
    static final int PER_SUBNET = 253;
    static final int MAX = SUBNETS * PER_SUBNET;
    static final String PROXY = "10.200.0.1";
    static final int PREFIX = 16;

    private SourceAddresses() {}

    /** Session {@code index}'s address: 10.200.(1 + i mod 64).(2 + i / 64). */
    static String of(int index) {
        if (index < 0 || index >= MAX) {
            throw new IllegalArgumentException("session index must be in [0, " + MAX + "), got " + index);
        }
        return "10.200." + (1 + index % SUBNETS) + "." + (2 + index / SUBNETS);
    }
}
