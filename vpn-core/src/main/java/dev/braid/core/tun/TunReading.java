package dev.braid.core.tun;

import io.netty.buffer.ByteBuf;
import java.util.List;
import java.util.function.Consumer;

/**
 * How a TUN's packets reach the client: by default a {@link TunReader} thread per device; a load
 * generator with thousands of in-memory devices pushes its packets to the sink instead, without a
 * thread each.
 */
@FunctionalInterface
public interface TunReading {
    /** A blocking reader thread per device. */
    TunReading THREAD_PER_DEVICE = (device, sink, onFatal) ->
            TunReader.start(device, TunReader.DEFAULT_BATCH_SIZE, sink, onFatal);

    /**
     * Starts delivering {@code device}'s packets to {@code sink} (ownership of every batch and
     * its buffers passes to the sink) until the device closes.
     */
    void start(TunDevice device, Consumer<List<ByteBuf>> sink, Consumer<TunException> onFatal);
}
