package dev.braid.core.session;

import dev.braid.core.wire.Ipv4;

/**
 * The proxy's pool of client virtual addresses within one IPv4 prefix. The first host address
 * belongs to the proxy's own TUN; network and broadcast addresses are never handed out.
 * Not thread-safe: used on the proxy's event loop.
 */
public final class AddressPool {
    private final int network;
    private final int prefixLength;
    private final HostSlots slots;

    public AddressPool(int network, int prefixLength) {
        if (prefixLength < 8 || prefixLength > 30) {
            throw new IllegalArgumentException("client pool prefix must be between /8 and /30, got /" + prefixLength);
        }
        int mask = -1 << (32 - prefixLength);
        this.network = network & mask;
        this.prefixLength = prefixLength;
        this.slots = new HostSlots(1 << (32 - prefixLength), true);
    }

    /** The proxy's own address in the pool (network + 1). */
    public int proxyAddress() {
        return network + 1;
    }

    public int prefixLength() {
        return prefixLength;
    }

    public String cidr() {
        return Ipv4.format(network) + "/" + prefixLength;
    }

    /** @return a free address, or 0 when the pool is exhausted */
    public int allocate() {
        int index = slots.allocate();
        return index < 0 ? 0 : network + index;
    }

    /** @return {@code preferred} if it is a free client address of the pool, else as {@link #allocate()} */
    public int allocate(int preferred) {
        int index = slots.allocate(hostIndex(preferred));
        return index < 0 ? 0 : network + index;
    }

    /** The host number of {@code address} in the pool (the network address is 0). */
    public long hostIndex(int address) {
        return Integer.toUnsignedLong(address - network);
    }

    public void release(int address) {
        slots.release(hostIndex(address));
    }

    public int inUse() {
        return slots.inUse();
    }

    public int capacity() {
        return slots.capacity();
    }
}
