package dev.braid.testbed.demo;

import dev.braid.core.time.Clock;
import dev.braid.core.wire.Ipv4;
import dev.braid.testbed.linkem.Direction;
import dev.braid.testbed.linkem.LinkEmulator;
import io.netty.buffer.PooledByteBufAllocator;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * One demo run: starts the world, streams CBR from the proxy side to the client for the
 * duration (or until {@link #requestStop}), samples once per second, lets the packets in flight
 * arrive, stops everything and returns what was measured.
 */
final class DemoRun {
    /** The "server on the Internet" the stream comes from (TEST-NET-2, documentation only). */
    static final int SERVER = Ipv4.parse("198.51.100.10");
    private static final long SECOND = 1_000_000_000L;
    private static final long BIN_NANOS = 100_000_000L;
    private static final long QUIET_NANOS = 300_000_000L;
    private static final long MAX_DRAIN_NANOS = 3 * SECOND;

    private final DemoSettings settings;
    private final Clock clock;
    private final PrintWriter out;
    private final CountDownLatch stop = new CountDownLatch(1);
    private volatile boolean interrupted;

    DemoRun(DemoSettings settings, Clock clock, PrintWriter out) {
        this.settings = settings;
        this.clock = clock;
        this.out = out;
    }

    /** Ends the stream early (Ctrl-C); the run still measures, stops everything and returns. */
    void requestStop() {
        interrupted = true;
        stop.countDown();
    }

    DemoResult run() throws Exception {
        Path dir = Files.createTempDirectory("braid-demo-");
        try (DemoWorld world = DemoWorld.start(settings, dir, clock)) {
            GoodputSink sink = new GoodputSink(clock, BIN_NANOS);
            world.clientTun().setWriteListener(sink);
            LiveView view = new LiveView(settings, out);
            List<Sample> samples = new ArrayList<>();
            long start;
            long stopped;
            long sent;
            long skipped;
            try (CbrGenerator generator = new CbrGenerator(world.proxyTun(), PooledByteBufAllocator.DEFAULT, clock,
                    SERVER, world.clientAddress(), settings.packetSize(), settings.rateBitsPerSecond())) {
                start = generator.start();
                sink.startClock(start);
                DemoSampler sampler = new DemoSampler(world, sink, settings.packetSize(), clock, start);
                long end = start + settings.durationNanos();
                for (long k = 1; ; k++) {
                    long tick = Math.min(start + k * SECOND, end);
                    long wait = tick - clock.nanos();
                    if (wait > 0 && stop.await(wait, TimeUnit.NANOSECONDS)) {
                        break;
                    }
                    Sample sample = sampler.take();
                    samples.add(sample);
                    view.show(sample);
                    if (tick >= end) {
                        break;
                    }
                }
                stopped = clock.nanos();
                generator.close();
                sent = generator.sent();
                skipped = generator.skipped();
            }
            awaitQuiet(sink);
            List<Long> wire = new ArrayList<>();
            List<Long> drops = new ArrayList<>();
            for (LinkEmulator emulator : world.emulators()) {
                wire.add(emulator.counters(Direction.DOWN).forwardedBytes());
                drops.add(emulator.counters(Direction.DOWN).droppedTotal());
            }
            long proxyDrops = StatusText.parse(world.proxyStatus()).drops("congestion");
            world.close(); // the client's event loop has ended: the sink's bins are final
            return new DemoResult(settings, samples, (stopped - start) / 1e9, interrupted, sent, skipped, sink.unique(),
                    sink.inOrder(), sink.duplicates(), sink.late(), proxyDrops, wire, drops, sink.inOrderBins(),
                    BIN_NANOS / 1e9);
        } finally {
            deleteQuietly(dir);
        }
    }

    /** Waits until deliveries have stopped for a moment: the packets in flight count too. */
    private void awaitQuiet(GoodputSink sink) throws InterruptedException {
        long deadline = clock.nanos() + MAX_DRAIN_NANOS;
        long last = -1;
        long quietSince = clock.nanos();
        while (clock.nanos() < deadline) {
            long now = clock.nanos();
            long delivered = sink.unique() + sink.duplicates();
            if (delivered != last) {
                last = delivered;
                quietSince = now;
            } else if (now - quietSince >= QUIET_NANOS) {
                return;
            }
            Thread.sleep(20); // polling a counter, not a timing assumption: the loop is bounded by the deadline
        }
    }

    private static void deleteQuietly(Path dir) {
        try (Stream<Path> files = Files.walk(dir)) {
            files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            // a temp dir left behind is harmless
        }
    }
}
