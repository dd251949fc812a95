package dev.braid.testbed.demo;

import dev.braid.core.time.Clock;
import dev.braid.core.tun.InMemoryTun;
import io.netty.buffer.ByteBufAllocator;
import java.util.concurrent.locks.LockSupport;

/**
 * A constant-bitrate source: numbered packets injected into a TUN on a fixed schedule (packet n
 * is due at start + n * interval), on its own thread. If the thread falls behind, it sends the
 * overdue packets at once so the offered rate holds on average, but never more than
 * {@link #MAX_CATCH_UP} in one go: after a long stall the schedule moves on instead.
 */
final class CbrGenerator implements AutoCloseable {
    static final int MAX_CATCH_UP = 64;
    private static final long SPIN_NANOS = 50_000;

    private final InMemoryTun tun;
    private final ByteBufAllocator alloc;
    private final Clock clock;
    private final int source;
    private final int destination;
    private final int port;
    private final int packetSize;
    private final long intervalNanos;
    private final SentListener listener;
    private final Thread thread;
    private volatile boolean running = true;
    private volatile long sent;
    private volatile long skipped;
    private long startNanos;

    /**
     * The bulk stream: {@link CbrPackets#BULK_PORT}, one packet every {@code packetSize} bits at the rate.
     *
     * @param rateBitsPerSecond offered rate counted in whole inner packets
     */
    CbrGenerator(InMemoryTun tun, ByteBufAllocator alloc, Clock clock, int source, int destination,
                 int packetSize, long rateBitsPerSecond) {
        this(tun, alloc, clock, source, destination, CbrPackets.BULK_PORT, packetSize,
                Math.max(1, Math.round(packetSize * 8 * 1e9 / rateBitsPerSecond)), "demo-cbr", (seq, at) -> { });
    }

    /**
     * Any stream: packets of {@code packetSize} bytes, both ports {@code port}, one every
     * {@code intervalNanos}; {@code listener} hears of each one sent, on the generator's thread.
     */
    CbrGenerator(InMemoryTun tun, ByteBufAllocator alloc, Clock clock, int source, int destination, int port,
                 int packetSize, long intervalNanos, String threadName, SentListener listener) {
        this.tun = tun;
        this.alloc = alloc;
        this.clock = clock;
        this.source = source;
        this.destination = destination;
        this.port = port;
        this.packetSize = packetSize;
        this.intervalNanos = intervalNanos;
        this.listener = listener;
        this.thread = new Thread(this::run, threadName);
        thread.setDaemon(true);
    }

    /** Starts sending; packet 0 goes out now. @return the start time */
    long start() {
        startNanos = clock.nanos();
        thread.start();
        return startNanos;
    }

    private void run() {
        long seq = 0;
        while (running) {
            long now = clock.nanos();
            long due = startNanos + seq * intervalNanos;
            long wait = due - now;
            if (wait > SPIN_NANOS) {
                LockSupport.parkNanos(wait - SPIN_NANOS / 2);
                continue;
            }
            if (wait > 0) {
                Thread.onSpinWait();
                continue;
            }
            long overdue = -wait / intervalNanos;
            if (overdue >= MAX_CATCH_UP) {
                // A long stall (GC, a loaded machine): skip those packets rather than burst them.
                long skip = overdue - MAX_CATCH_UP + 1;
                skipped += skip;
                seq += skip;
            }
            // Stamped as it leaves: a late send is the generator's delay, not the tunnel's.
            long sentNanos = clock.nanos();
            listener.sent(seq, sentNanos);
            if (!tun.inject(CbrPackets.build(alloc, source, destination, port, seq, sentNanos, packetSize))) {
                return; // the TUN is closed
            }
            seq++;
            sent = seq - skipped;
        }
    }

    /** Hears of each packet as it is injected (before: the packet may arrive before inject returns). */
    @FunctionalInterface
    interface SentListener {
        void sent(long seq, long sentNanos);
    }

    /** Packets injected so far. */
    long sent() {
        return sent;
    }

    /** Scheduled packets never sent because the generator stalled. */
    long skipped() {
        return skipped;
    }

    long intervalNanos() {
        return intervalNanos;
    }

    @Override
    public void close() {
        running = false;
        LockSupport.unpark(thread);
        try {
            thread.join(2000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
