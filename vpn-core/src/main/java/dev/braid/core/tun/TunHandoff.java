package dev.braid.core.tun;

import io.netty.buffer.ByteBuf;
import io.netty.channel.EventLoop;
import java.util.List;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.Semaphore;
import java.util.function.Consumer;

/**
 * Hands TUN read batches from the reader thread to the event loop with backpressure: at most
 * {@code maxPending} packets wait for the loop. When the loop falls behind, the reader blocks,
 * the kernel's TUN queue fills and the kernel drops, instead of the JVM piling up direct buffers
 * until it runs out of memory.
 */
public final class TunHandoff implements Consumer<List<ByteBuf>> {
    public static final int DEFAULT_MAX_PENDING = 1024;

    private final EventLoop loop;
    private final Consumer<List<ByteBuf>> sink;
    private final int maxPending;
    private final Semaphore room;

    /** {@code sink} runs on {@code loop} and takes ownership of each batch's buffers. */
    public TunHandoff(EventLoop loop, int maxPending, Consumer<List<ByteBuf>> sink) {
        this.loop = loop;
        this.sink = sink;
        this.maxPending = maxPending;
        this.room = new Semaphore(maxPending);
    }

    /** Called on the reader thread; takes ownership of the batch. Blocks while the loop is behind. */
    @Override
    public void accept(List<ByteBuf> batch) {
        int permits = Math.min(batch.size(), maxPending);
        room.acquireUninterruptibly(permits);
        try {
            loop.execute(() -> {
                try {
                    sink.accept(batch);
                } finally {
                    room.release(permits);
                }
            });
        } catch (RejectedExecutionException e) { // shutting down
            room.release(permits);
            batch.forEach(ByteBuf::release);
        }
    }
}
