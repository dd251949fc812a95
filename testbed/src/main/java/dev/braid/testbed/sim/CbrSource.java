package dev.braid.testbed.sim;

import java.util.Objects;
import java.util.function.LongConsumer;

/**
 * Emits fixed-size packets at a constant bit rate between a start and a stop time. Packet
 * {@code k} leaves at {@code start + k * size * 8 / rate}, computed from {@code k} so rounding
 * never accumulates. The sink gets the packet's sequence number (0, 1, 2, ...).
 */
public final class CbrSource {

    private final Simulation simulation;
    private final long rateBitsPerSecond;
    private final int packetBytes;
    private final long startNanos;
    private final long stopNanos;
    private final LongConsumer sink;
    private final double intervalNanos;
    private long sent;
    private boolean started;

    /**
     * @param startNanos first packet time (absolute simulation time)
     * @param stopNanos  no packet at or after this time
     * @param sink       called with the sequence number of each packet
     */
    public CbrSource(Simulation simulation, long rateBitsPerSecond, int packetBytes,
                     long startNanos, long stopNanos, LongConsumer sink) {
        if (rateBitsPerSecond <= 0 || packetBytes <= 0) {
            throw new IllegalArgumentException("rate and packet size must be > 0");
        }
        this.simulation = Objects.requireNonNull(simulation, "simulation");
        this.rateBitsPerSecond = rateBitsPerSecond;
        this.packetBytes = packetBytes;
        this.startNanos = startNanos;
        this.stopNanos = stopNanos;
        this.sink = Objects.requireNonNull(sink, "sink");
        this.intervalNanos = packetBytes * 8.0 * 1e9 / rateBitsPerSecond;
    }

    /** Schedules the first packet; call once. */
    public CbrSource start() {
        if (started) {
            throw new IllegalStateException("already started");
        }
        started = true;
        scheduleNext();
        return this;
    }

    public long packetsSent() {
        return sent;
    }

    public int packetBytes() {
        return packetBytes;
    }

    public long rateBitsPerSecond() {
        return rateBitsPerSecond;
    }

    private void scheduleNext() {
        long at = startNanos + Math.round(sent * intervalNanos);
        if (at >= stopNanos) {
            return;
        }
        simulation.schedule(Math.max(at, simulation.now()), () -> {
            sink.accept(sent++);
            scheduleNext();
        });
    }
}
