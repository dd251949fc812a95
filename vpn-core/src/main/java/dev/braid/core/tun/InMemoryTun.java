package dev.braid.core.tun;

import io.netty.buffer.ByteBuf;
import java.util.ArrayDeque;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.LongAdder;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Consumer;

/**
 * A TUN device in memory, for tests and the no-root demo. The test side plays the applications:
 * {@link #inject} a packet as if an application sent it (the next {@link #readBatch} returns
 * it), and take what Braid {@link #write}s with {@link #pollWritten} or a listener.
 */
public final class InMemoryTun implements TunDevice {
    private final String name;
    private volatile int mtu;
    private final ReentrantLock lock = new ReentrantLock();
    private final Condition inboundReady = lock.newCondition();
    private final Condition outboundReady = lock.newCondition();
    private final ArrayDeque<ByteBuf> inbound = new ArrayDeque<>();
    private final ArrayDeque<ByteBuf> outbound = new ArrayDeque<>();
    private final LongAdder writeDrops = new LongAdder();
    private Consumer<ByteBuf> writeListener;
    private boolean closed;

    public InMemoryTun(String name, int mtu) {
        this.name = Objects.requireNonNull(name, "name");
        if (mtu < 68) {
            throw new IllegalArgumentException("mtu must be >= 68, got " + mtu);
        }
        this.mtu = mtu;
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public int mtu() {
        return mtu;
    }

    @Override
    public void setMtu(int mtu) {
        if (mtu < 68) {
            throw new IllegalArgumentException("mtu must be >= 68, got " + mtu);
        }
        this.mtu = mtu;
    }

    /**
     * Queues a packet as if an application sent it into the tunnel.
     *
     * <p>Ownership: takes {@code packet}; if the device is closed it is released at once.
     *
     * @return false if the device was closed
     */
    public boolean inject(ByteBuf packet) {
        lock.lock();
        try {
            if (!closed) {
                inbound.add(packet);
                inboundReady.signalAll();
                return true;
            }
        } finally {
            lock.unlock();
        }
        packet.release();
        return false;
    }

    /** {@inheritDoc} Returns injected packets in order; ownership passes to the caller. */
    @Override
    public int readBatch(List<ByteBuf> out, int max) {
        if (max < 1) {
            throw new IllegalArgumentException("max must be >= 1, got " + max);
        }
        lock.lock();
        try {
            while (inbound.isEmpty() && !closed) {
                inboundReady.awaitUninterruptibly();
            }
            if (closed) {
                return -1;
            }
            int count = 0;
            while (count < max && !inbound.isEmpty()) {
                out.add(inbound.poll());
                count++;
            }
            return count;
        } finally {
            lock.unlock();
        }
    }

    /**
     * {@inheritDoc} The packet goes to the write listener if one is set, else into the queue that
     * {@link #pollWritten} takes from.
     */
    @Override
    public void write(ByteBuf packet) {
        Consumer<ByteBuf> listener;
        lock.lock();
        try {
            if (closed) {
                writeDrops.increment();
                packet.release();
                return;
            }
            listener = writeListener;
            if (listener == null) {
                outbound.add(packet);
                outboundReady.signalAll();
                return;
            }
        } finally {
            lock.unlock();
        }
        listener.accept(packet);
    }

    /**
     * Waits up to the timeout for the next packet Braid wrote.
     *
     * @return the packet (the caller owns and must release it), or null on timeout or close
     */
    public ByteBuf pollWritten(long timeout, TimeUnit unit) throws InterruptedException {
        long remaining = unit.toNanos(timeout);
        lock.lock();
        try {
            while (outbound.isEmpty() && !closed && remaining > 0) {
                remaining = outboundReady.awaitNanos(remaining);
            }
            return outbound.poll();
        } finally {
            lock.unlock();
        }
    }

    /**
     * Sends every later written packet to {@code listener} (on the writer's thread) instead of the
     * queue; ownership of each packet passes to the listener. Null restores queueing.
     */
    public void setWriteListener(Consumer<ByteBuf> listener) {
        lock.lock();
        try {
            writeListener = listener;
        } finally {
            lock.unlock();
        }
    }

    /** Packets injected but not yet read. */
    public int pendingInbound() {
        lock.lock();
        try {
            return inbound.size();
        } finally {
            lock.unlock();
        }
    }

    @Override
    public long writeDrops() {
        return writeDrops.sum();
    }

    /** Closes the device, wakes blocked readers and pollers, and releases all queued packets. */
    @Override
    public void close() {
        lock.lock();
        try {
            if (closed) {
                return;
            }
            closed = true;
            inbound.forEach(ByteBuf::release);
            inbound.clear();
            outbound.forEach(ByteBuf::release);
            outbound.clear();
            inboundReady.signalAll();
            outboundReady.signalAll();
        } finally {
            lock.unlock();
        }
    }

    @Override
    public String toString() {
        return "InMemoryTun[" + name + "]";
    }
}
