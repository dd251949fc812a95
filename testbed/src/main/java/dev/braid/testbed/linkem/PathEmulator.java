package dev.braid.testbed.linkem;

import dev.braid.core.time.Clock;
import dev.braid.core.tun.LinuxTun;
import dev.braid.core.tun.TunDevice;
import dev.braid.testbed.link.DirectionSpec;
import dev.braid.testbed.link.LinkCounters;
import dev.braid.testbed.link.LinkModel;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.PooledByteBufAllocator;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.HdrHistogram.Histogram;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Delay, jitter and loss for every IP packet the kernel routes through a TUN device: the packet is
 * read from the TUN, its fate decided by a {@link LinkModel}, and at its arrival time it is
 * written back into the same TUN, where the kernel routes it on (policy routing sends packets
 * from one side into the device; what comes out of it follows the main table). So unlike the
 * {@link LinkEmulator} relay it is transparent: plain TCP, WireGuard and Braid all take the same
 * path. This kernel has no netem; a kernel tbf in front of the device is the bottleneck.
 */
public final class PathEmulator implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(PathEmulator.class);
    private static final int READ_BATCH = 64;

    private final Clock clock;
    private final DeliveryScheduler scheduler;
    private final Map<String, Direction> directions = new LinkedHashMap<>();

    /** One TUN device, the model of the path through it, and the thread that reads it. */
    private final class Direction {
        private final TunDevice tun;
        private final LinkModel model;
        private final Thread reader;

        Direction(TunDevice tun, LinkModel model) {
            this.tun = tun;
            this.model = model;
            this.reader = new Thread(this::readLoop, "pathem-" + tun.name());
            this.reader.setDaemon(true);
        }

        private void readLoop() {
            List<ByteBuf> batch = new ArrayList<>(READ_BATCH);
            try {
                while (tun.readBatch(batch, READ_BATCH) > 0) {
                    long now = clock.nanos(); // one read time per batch: the packets waited together
                    for (ByteBuf packet : batch) {
                        long at;
                        synchronized (model) {
                            at = model.offer(now, packet.readableBytes());
                        }
                        if (at == LinkModel.DROPPED) {
                            packet.release();
                        } else {
                            scheduler.schedule(at, () -> tun.write(packet));
                        }
                    }
                    batch.clear();
                }
            } catch (RuntimeException e) {
                log.warn("pathem: {} stopped reading: {}", tun.name(), e.getMessage());
            } finally {
                batch.forEach(ByteBuf::release);
            }
        }

        LinkCounters counters() {
            synchronized (model) {
                return model.counters();
            }
        }
    }

    private PathEmulator(Clock clock) {
        this.clock = clock;
        this.scheduler = new DeliveryScheduler(clock, "pathem-delivery");
    }

    /**
     * Opens one TUN device per entry (name -> the path through it) in this process's network
     * namespace and starts forwarding; closes what it opened if one fails.
     */
    public static PathEmulator start(Map<String, DirectionSpec> paths, long seed, Clock clock) {
        PathEmulator emulator = new PathEmulator(clock);
        try {
            long origin = clock.nanos();
            int index = 0;
            for (Map.Entry<String, DirectionSpec> path : paths.entrySet()) {
                TunDevice tun = LinuxTun.open(path.getKey(), PooledByteBufAllocator.DEFAULT);
                LinkModel model = new LinkModel(path.getValue(), seed * 31 + index++, origin);
                emulator.directions.put(tun.name(), emulator.new Direction(tun, model));
            }
        } catch (RuntimeException | Error e) {
            emulator.close();
            throw e;
        }
        emulator.directions.values().forEach(d -> d.reader.start());
        return emulator;
    }

    /** Counters of each device's path, by device name. */
    public Map<String, LinkCounters> counters() {
        Map<String, LinkCounters> counters = new LinkedHashMap<>();
        directions.forEach((name, direction) -> counters.put(name, direction.counters()));
        return counters;
    }

    /** How late packets were written back, in nanoseconds (the emulator's own error). */
    public Histogram lateness() {
        return scheduler.lateness();
    }

    @Override
    public void close() {
        for (Direction direction : directions.values()) {
            direction.tun.close();
        }
        for (Direction direction : directions.values()) {
            try {
                direction.reader.join(2000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        scheduler.close();
    }
}
