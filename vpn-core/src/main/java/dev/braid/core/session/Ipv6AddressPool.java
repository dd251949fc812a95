package dev.braid.core.session;

import dev.braid.core.wire.Ipv6Address;

/**
 * The proxy's pool of client IPv6 addresses ({@code client-pool6}), one per session beside its
 * IPv4 address. Host number 1 is the proxy's own TUN address, 0 (the subnet-router anycast
 * address) is never handed out. Hands out at most {@link #MAX_HOSTS} addresses, the low host
 * numbers of the prefix, however large it is. Not thread-safe: used on the proxy's event loop.
 */
public final class Ipv6AddressPool {
    /** Far beyond max-sessions' useful range; keeps the taken-bitmap at 8 KiB for a /64. */
    public static final int MAX_HOSTS = 1 << 16;
    /** The longest prefix accepted: a /120 still leaves 254 clients. */
    public static final int LONGEST_PREFIX = 120;
    /** The shortest: every address then shares the high 64 bits. */
    public static final int SHORTEST_PREFIX = 64;

    private final Ipv6Address network;
    private final int prefixLength;
    private final HostSlots slots;

    public Ipv6AddressPool(Ipv6Address network, int prefixLength) {
        if (prefixLength < SHORTEST_PREFIX || prefixLength > LONGEST_PREFIX) {
            throw new IllegalArgumentException("client pool6 prefix must be between /" + SHORTEST_PREFIX + " and /"
                    + LONGEST_PREFIX + ", got /" + prefixLength);
        }
        long hostMask = prefixLength == 64 ? -1L : (1L << (128 - prefixLength)) - 1;
        this.network = new Ipv6Address(network.hi(), network.lo() & ~hostMask);
        this.prefixLength = prefixLength;
        this.slots = new HostSlots((int) Math.min(MAX_HOSTS, 1L << Math.min(62, 128 - prefixLength)), false);
    }

    /** The proxy's own address in the pool (network + 1). */
    public Ipv6Address proxyAddress() {
        return network.plus(1);
    }

    public int prefixLength() {
        return prefixLength;
    }

    public String cidr() {
        return network + "/" + prefixLength;
    }

    /** @return a free address, or null when the pool is exhausted */
    public Ipv6Address allocate() {
        int index = slots.allocate();
        return index < 0 ? null : network.plus(index);
    }

    /** @return host {@code index} of the pool if it is free, else as {@link #allocate()} */
    public Ipv6Address allocate(long index) {
        int allocated = slots.allocate(index);
        return allocated < 0 ? null : network.plus(allocated);
    }

    /** Frees an address handed out before; any other address is ignored. */
    public void release(Ipv6Address address) {
        if (address.hi() == network.hi() && Long.compareUnsigned(address.lo() - network.lo(), MAX_HOSTS) < 0) {
            slots.release(address.lo() - network.lo());
        }
    }

    public int inUse() {
        return slots.inUse();
    }

    public int capacity() {
        return slots.capacity();
    }
}
