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
    private final int packetSize;
    private final long intervalNanos;
    private final Thread thread;
    private volatile boolean running = true;
    private volatile long sent;
    private volatile long skipped;
    private long startNanos;

    /**
     * @param rateBitsPerSecond offered rate counted in whole inner packets
     */
    CbrGenerator(InMemoryTun tun, ByteBufAllocator alloc, Clock clock, int source, int destination,
                 int packetSize, long rateBitsPerSecond) {
        this.tun = tun;
        this.alloc = alloc;
        this.clock = clock;
        this.source = source;
        this.destination = destination;
        this.packetSize = packetSize;
        this.intervalNanos = Math.max(1, Math.round(packetSize * 8 * 1e9 / rateBitsPerSecond));
        this.thread = new Thread(this::run, "demo-cbr");
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
            if (!tun.inject(CbrPackets.build(alloc, source, destination, seq, packetSize))) {
                return; // the TUN is closed
            }
            seq++;
            sent = seq - skipped;
        }
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
