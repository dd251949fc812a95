package dev.braid.core.tun;

import io.netty.buffer.ByteBuf;
import java.util.List;

/**
 * A layer-3 TUN device seen as a batch source and sink of raw IP packets (no packet-information
 * header, {@code IFF_NO_PI}), shaped like wireguard-go's {@code tun.Device}.
 *
 * <p>Threading: one thread at a time calls {@link #readBatch} (see {@link TunReader}); {@link
 * #write} may be called from any thread, concurrently with reads; {@link #close} from any thread.
 */
public interface TunDevice extends AutoCloseable {

    /** The interface name the kernel gave the device (for example {@code braid0}). */
    String name();

    /** The device's current MTU in bytes: the largest packet {@link #readBatch} returns. */
    int mtu();

    /**
     * Sets the device's MTU (the tunnel MTU followed the links' path MTUs). Blocking (the kernel
     * device runs {@code ip link}): call it off the event loop.
     */
    default void setMtu(int mtu) {
        throw new UnsupportedOperationException(getClass().getSimpleName() + " cannot change its MTU");
    }

    /**
     * Blocks until at least one packet is available or the device is closed, then appends up to
     * {@code max} packets to {@code out} without blocking again.
     *
     * <p>Ownership: each appended ByteBuf (readerIndex at the IP header, readable bytes = the
     * packet) belongs to the caller, who must release it.
     *
     * @return the number of packets appended (at least 1), or -1 once the device is closed
     * @throws TunException on a read error; {@link TunException#isTransient()} tells whether
     *     retrying makes sense
     */
    int readBatch(List<ByteBuf> out, int max);

    /**
     * Hands one IP packet to the kernel, as if it had arrived on this interface.
     *
     * <p>Ownership: takes {@code packet} and releases it, also on failure. On the data path this
     * never throws for a bad packet or a closed device: it drops the packet and counts it in
     * {@link #writeDrops()}.
     */
    void write(ByteBuf packet);

    /** Packets {@link #write} dropped (kernel refused them, or the device was closed). */
    default long writeDrops() {
        return 0;
    }

    /** Closes the device (idempotent) and wakes a reader blocked in {@link #readBatch}. */
    @Override
    void close();
}
