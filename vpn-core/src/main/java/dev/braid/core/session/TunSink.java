package dev.braid.core.session;

import io.netty.buffer.ByteBuf;

/** Where decapsulated IP packets go: the local TUN device. */
@FunctionalInterface
public interface TunSink {
    /** Writes one IP packet. Takes ownership of {@code packet}. */
    void write(ByteBuf packet);
}
