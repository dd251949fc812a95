package dev.braid.testbed.demo;

import dev.braid.core.time.Clock;
import io.netty.buffer.ByteBuf;
import java.util.function.Consumer;

/**
 * The realtime stream's receiving application behind the client's TUN: takes the packets of its
 * port, books each one's one-way delay (now minus the send time it carries; both ends read the
 * same clock) in the {@link RealtimeLedger}, and hands every other packet on (to the bulk sink).
 * Runs on the client's event loop, as {@link GoodputSink} does.
 */
final class LatencySink implements Consumer<ByteBuf> {
    private final Clock clock;
    private final RealtimeLedger ledger;
    private final int port;
    private final Consumer<ByteBuf> others;

    LatencySink(Clock clock, RealtimeLedger ledger, int port, Consumer<ByteBuf> others) {
        this.clock = clock;
        this.ledger = ledger;
        this.port = port;
        this.others = others;
    }

    /** Ownership: takes {@code packet}; releases it, or passes it to {@code others}, which then owns it. */
    @Override
    public void accept(ByteBuf packet) {
        if (CbrPackets.port(packet) != port) {
            others.accept(packet);
            return;
        }
        long arrivalNanos = clock.nanos();
        try {
            ledger.arrived(CbrPackets.sequence(packet), CbrPackets.sentNanos(packet), arrivalNanos);
        } finally {
            packet.release();
        }
    }
}
