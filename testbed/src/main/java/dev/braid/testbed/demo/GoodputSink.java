package dev.braid.testbed.demo;

import dev.braid.core.time.Clock;
import io.netty.buffer.ByteBuf;
import java.util.Arrays;
import java.util.BitSet;
import java.util.function.Consumer;

/**
 * Plays the application behind the client's TUN: takes every packet Braid delivers and counts it
 * by its sequence number. Unique packets are goodput; a sequence number seen before is a
 * duplicate and never counts; a unique packet below the highest one seen is late (out of order).
 *
 * <p>{@link #accept} runs on one thread (the client's event loop); the counters may be read from
 * any other thread. In-order deliveries are also binned over time for the plots.
 */
final class GoodputSink implements Consumer<ByteBuf> {
    private final Clock clock;
    private final long binNanos;
    private final BitSet seen = new BitSet();
    private volatile long unique;
    private volatile long inOrder;
    private volatile long duplicates;
    private volatile long late;
    private volatile long foreign;
    private long highest = -1;
    private long startNanos;
    private long[] inOrderBins = new long[256];
    private volatile int usedBins;

    GoodputSink(Clock clock, long binNanos) {
        this.clock = clock;
        this.binNanos = binNanos;
        this.startNanos = clock.nanos();
    }

    /** Time zero of the bins; call before the first packet is sent. */
    void startClock(long nowNanos) {
        startNanos = nowNanos;
    }

    /** Ownership: takes {@code packet} and releases it. */
    @Override
    public void accept(ByteBuf packet) {
        try {
            long seq = CbrPackets.sequence(packet);
            if (seq < 0 || seq > Integer.MAX_VALUE) {
                foreign++;
                return;
            }
            if (seen.get((int) seq)) {
                duplicates++;
                return;
            }
            seen.set((int) seq);
            unique++;
            if (seq > highest) {
                highest = seq;
                inOrder++;
                bin(clock.nanos());
            } else {
                late++;
            }
        } finally {
            packet.release();
        }
    }

    private void bin(long nowNanos) {
        int index = (int) Math.max(0, (nowNanos - startNanos) / binNanos);
        if (index >= inOrderBins.length) {
            inOrderBins = Arrays.copyOf(inOrderBins, Math.max(index + 1, inOrderBins.length * 2));
        }
        inOrderBins[index]++;
        if (index >= usedBins) {
            usedBins = index + 1;
        }
    }

    /** Unique packets delivered (the goodput count). */
    long unique() {
        return unique;
    }

    /** Unique packets delivered in order (above every earlier one). */
    long inOrder() {
        return inOrder;
    }

    long duplicates() {
        return duplicates;
    }

    /** Unique packets delivered after a higher sequence number. */
    long late() {
        return late;
    }

    /** Packets that were not the demo's. */
    long foreign() {
        return foreign;
    }

    long binNanos() {
        return binNanos;
    }

    /** In-order packets per bin; read once the deliveries have stopped. */
    long[] inOrderBins() {
        return Arrays.copyOf(inOrderBins, usedBins);
    }
}
