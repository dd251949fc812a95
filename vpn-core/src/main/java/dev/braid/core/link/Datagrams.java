package dev.braid.core.link;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;

/** What every receive path does to a datagram before parsing it. */
public final class Datagrams {
    private Datagrams() {}

    /**
     * The datagram in a heap buffer, where the ciphers work in place. Takes ownership of
     * {@code received}; the caller owns the result (the same buffer when it already is on the heap).
     */
    public static ByteBuf onHeap(ByteBuf received, ByteBufAllocator alloc) {
        if (received.hasArray()) {
            return received;
        }
        try {
            ByteBuf heap = alloc.heapBuffer(received.readableBytes());
            heap.writeBytes(received);
            return heap;
        } finally {
            received.release();
        }
    }
}
