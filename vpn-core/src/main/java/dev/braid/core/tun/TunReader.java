package dev.braid.core.tun;

import io.netty.buffer.ByteBuf;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The dedicated thread that drains one {@link TunDevice}: it loops {@link TunDevice#readBatch}
 * and hands every batch to a sink (the core hops it onto a Netty event loop with {@code
 * execute}). TUN reads block, so they never run on an event loop.
 *
 * <p>It stops when the device is closed, or with an error log on a fatal read error; transient
 * errors (EINTR, EAGAIN) are logged and retried.
 */
public final class TunReader {
    public static final int DEFAULT_BATCH_SIZE = 64;

    private static final Logger log = LoggerFactory.getLogger(TunReader.class);

    private final TunDevice device;
    private final int batchSize;
    private final Consumer<List<ByteBuf>> sink;
    private final Consumer<TunException> onFatal;
    private final Thread thread;
    private final CountDownLatch stopped = new CountDownLatch(1);
    private volatile TunException failure;

    private TunReader(TunDevice device, int batchSize, Consumer<List<ByteBuf>> sink,
            Consumer<TunException> onFatal) {
        this.device = device;
        this.batchSize = batchSize;
        this.sink = sink;
        this.onFatal = onFatal;
        this.thread = new Thread(this::run, "braid-tun-reader-" + device.name());
        this.thread.setDaemon(true);
    }

    /**
     * Starts a reader thread named {@code braid-tun-reader-NAME}.
     *
     * @param sink receives each non-empty batch; ownership of the list and of every ByteBuf in it
     *     passes to the sink when it is called (also if it throws)
     */
    public static TunReader start(TunDevice device, int batchSize, Consumer<List<ByteBuf>> sink) {
        return start(device, batchSize, sink, e -> { });
    }

    /** As {@link #start(TunDevice, int, Consumer)}, calling {@code onFatal} if reading fails for good. */
    public static TunReader start(TunDevice device, int batchSize, Consumer<List<ByteBuf>> sink,
            Consumer<TunException> onFatal) {
        Objects.requireNonNull(device, "device");
        Objects.requireNonNull(sink, "sink");
        Objects.requireNonNull(onFatal, "onFatal");
        if (batchSize < 1) {
            throw new IllegalArgumentException("batchSize must be >= 1, got " + batchSize);
        }
        TunReader reader = new TunReader(device, batchSize, sink, onFatal);
        reader.thread.start();
        return reader;
    }

    private void run() {
        log.debug("TUN reader for {} started", device.name());
        try {
            while (readOnce()) {
                // keep going until closed or failed
            }
        } finally {
            stopped.countDown();
            log.debug("TUN reader for {} stopped", device.name());
        }
    }

    /** Reads and delivers one batch; false when the reader must stop. */
    private boolean readOnce() {
        List<ByteBuf> batch = new ArrayList<>(batchSize);
        int n;
        try {
            n = device.readBatch(batch, batchSize);
        } catch (TunException e) {
            releaseAll(batch);
            if (e.isTransient()) {
                log.warn("Transient read error on TUN {}, retrying: {}", device.name(), e.getMessage());
                return true;
            }
            fail(e);
            return false;
        } catch (RuntimeException e) {
            releaseAll(batch);
            fail(new TunException(TunException.Reason.IO, 0, "reading TUN device " + device.name()
                    + " failed unexpectedly (" + e + "): restart Braid and report this"));
            log.error("Unexpected TUN read failure", e);
            return false;
        }
        if (n < 0) {
            releaseAll(batch);
            return false;
        }
        if (batch.isEmpty()) {
            return true;
        }
        try {
            sink.accept(batch);
        } catch (RuntimeException e) {
            log.error("TUN {} batch consumer threw; the batch was its to release", device.name(), e);
        }
        return true;
    }

    private void fail(TunException e) {
        failure = e;
        log.error("TUN reader for {} stops: {}", device.name(), e.getMessage());
        try {
            onFatal.accept(e);
        } catch (RuntimeException callbackError) {
            log.error("onFatal callback threw", callbackError);
        }
    }

    private static void releaseAll(List<ByteBuf> batch) {
        for (ByteBuf buf : batch) {
            buf.release();
        }
        batch.clear();
    }

    /** The thread's name, {@code braid-tun-reader-NAME}. */
    public String threadName() {
        return thread.getName();
    }

    public boolean isRunning() {
        return stopped.getCount() > 0;
    }

    /** The fatal error that stopped the reader, or null if it is running or stopped on close. */
    public TunException failure() {
        return failure;
    }

    /** Waits up to the timeout for the thread to finish (close the device to make it finish). */
    public boolean awaitStop(long timeout, TimeUnit unit) throws InterruptedException {
        return stopped.await(timeout, unit);
    }
}
