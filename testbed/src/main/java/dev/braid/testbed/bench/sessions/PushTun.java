package dev.braid.testbed.bench.sessions;

import dev.braid.core.tun.TunDevice;
import dev.braid.core.tun.TunException;
import dev.braid.core.tun.TunReading;
import io.netty.buffer.ByteBuf;
import java.util.List;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.Consumer;

/**
 * A generator session's in-memory TUN without a reader thread: {@link #push} hands a packet
 * straight to the client (through the sink {@link #READING} installs), and what the client writes
 * to it is counted and released. Thousands of these cost no thread each.
 */
final class PushTun implements TunDevice {
    /** Installs the client's sink on a {@link PushTun}; the generator's clients use no other device. */
    static final TunReading READING = (device, sink, onFatal) -> ((PushTun) device).sink = sink;

    private final String name;
    private final int mtu;
    private final LongAdder writtenPackets = new LongAdder();
    private final LongAdder writtenBytes = new LongAdder();
    private volatile Consumer<List<ByteBuf>> sink;
    private volatile boolean closed;

    PushTun(String name, int mtu) {
        this.name = name;
        this.mtu = mtu;
    }

    /** Sends {@code packet} into the tunnel (takes ownership). @return false if the device cannot take it */
    boolean push(ByteBuf packet) {
        Consumer<List<ByteBuf>> target = sink;
        if (closed || target == null) {
            packet.release();
            return false;
        }
        target.accept(List.of(packet));
        return true;
    }

    /** Packets the client wrote (what came back through the tunnel). */
    long writtenPackets() {
        return writtenPackets.sum();
    }

    long writtenBytes() {
        return writtenBytes.sum();
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public int mtu() {
        return mtu;
    }

    /** Never called: {@link #READING} replaces the reader thread. */
    @Override
    public int readBatch(List<ByteBuf> out, int max) {
        throw new TunException(TunException.Reason.IO, 0, "a push TUN is not read");
    }

    @Override
    public void write(ByteBuf packet) {
        writtenPackets.increment();
        writtenBytes.add(packet.readableBytes());
        packet.release();
    }

    @Override
    public void close() {
        closed = true;
    }
}
