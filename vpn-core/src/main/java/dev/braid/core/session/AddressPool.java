package dev.braid.core.session;

import dev.braid.core.wire.Ipv4;
import java.util.BitSet;

/**
 * The proxy's pool of client virtual addresses within one IPv4 prefix. The first host address
 * belongs to the proxy's own TUN; network and broadcast addresses are never handed out.
 * Not thread-safe: used on the proxy's event loop.
 */
public final class AddressPool {
    private final int network;
    private final int prefixLength;
    private final int size;
    private final BitSet used;
    private int next;

    public AddressPool(int network, int prefixLength) {
        if (prefixLength < 8 || prefixLength > 30) {
            throw new IllegalArgumentException("client pool prefix must be between /8 and /30, got /" + prefixLength);
        }
        int mask = -1 << (32 - prefixLength);
        this.network = network & mask;
        this.prefixLength = prefixLength;
        this.size = 1 << (32 - prefixLength);
        this.used = new BitSet(size);
        used.set(0); // network
        used.set(1); // the proxy itself
        used.set(size - 1); // broadcast
        this.next = 2;
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
        int index = used.nextClearBit(next);
        if (index >= size) {
            index = used.nextClearBit(2);
            if (index >= size) {
                return 0;
            }
        }
        used.set(index);
        next = index + 1;
        return network + index;
    }

    /** @return {@code preferred} if it is a free client address of the pool, else as {@link #allocate()} */
    public int allocate(int preferred) {
        int index = preferred - network;
        if (index > 1 && index < size - 1 && !used.get(index)) {
            used.set(index);
            return preferred;
        }
        return allocate();
    }

    public void release(int address) {
        int index = address - network;
        if (index > 1 && index < size - 1) {
            used.clear(index);
        }
    }

    public int inUse() {
        return used.cardinality() - 3;
    }

    public int capacity() {
        return size - 3;
    }
}
