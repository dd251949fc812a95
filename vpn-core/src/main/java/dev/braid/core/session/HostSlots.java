package dev.braid.core.session;

import java.util.BitSet;

/**
 * Which host numbers of an address pool are taken: 0 and 1 (the network and the proxy's own
 * address) always, the last one too where it is a broadcast address. Hands numbers out round
 * robin, so a released address is not reused at once. Not thread-safe.
 */
final class HostSlots {
    private static final int FIRST_CLIENT = 2;

    private final int size;
    private final boolean reserveLast;
    private final int reserved;
    private final BitSet used;
    private int next = FIRST_CLIENT;

    /** @param reserveLast whether the last number is not a host (IPv4's broadcast) */
    HostSlots(int size, boolean reserveLast) {
        this.size = size;
        this.reserveLast = reserveLast;
        this.used = new BitSet(size);
        used.set(0);
        used.set(1);
        if (reserveLast) {
            used.set(size - 1);
        }
        this.reserved = used.cardinality();
    }

    /** @return a free host number, or -1 when all are taken */
    int allocate() {
        int index = used.nextClearBit(next);
        if (index >= size) {
            index = used.nextClearBit(FIRST_CLIENT);
            if (index >= size) {
                return -1;
            }
        }
        used.set(index);
        next = index + 1;
        return index;
    }

    /** @return {@code index} if it is a free host number (now taken), else as {@link #allocate()} */
    int allocate(long index) {
        if (isClient(index) && !used.get((int) index)) {
            used.set((int) index);
            return (int) index;
        }
        return allocate();
    }

    /** Frees a number handed out before; reserved and out-of-range numbers are ignored. */
    void release(long index) {
        if (isClient(index)) {
            used.clear((int) index);
        }
    }

    private boolean isClient(long index) {
        return index >= FIRST_CLIENT && index < size && !(reserveLast && index == size - 1);
    }

    int inUse() {
        return used.cardinality() - reserved;
    }

    int capacity() {
        return size - reserved;
    }
}
