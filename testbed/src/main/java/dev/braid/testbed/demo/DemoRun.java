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
 * arrive, stops everything and returns what was measured. With {@code --realtime} a VoIP-like
 * stream (160-byte UDP payloads every 20 ms, its own port) runs beside the bulk one, same direction.
 */
final class DemoRun {
    /** The "server on the Internet" the stream comes from (TEST-NET-2, documentation only). */
    static final int SERVER = Ipv4.parse("198.51.100.10");
    private static final long SECOND = 1_000_000_000L;
    private static final long BIN_NANOS = 100_000_000L;
    private static final long QUIET_NANOS = 300_000_000L;
    private static final long MAX_DRAIN_NANOS = 3 * SECOND;
    /** RTP's customary port: the realtime stream's flow differs from the bulk one only in it. */
    static final int REALTIME_PORT = 5004;
    /** 20 ms of G.711 voice. */
    static final int REALTIME_PAYLOAD = 160;
    static final long REALTIME_INTERVAL_NANOS = 20_000_000L;
    /** Loss is judged on packets a second old, ten times the worst delay the default links can add. */
    static final long LOSS_HORIZON_NANOS = SECOND;

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
            RealtimeLedger ledger = settings.realtime() ? new RealtimeLedger(LOSS_HORIZON_NANOS) : null;
            world.clientTun().setWriteListener(ledger == null ? sink
                    : new LatencySink(clock, ledger, REALTIME_PORT, sink));
            LiveView view = new LiveView(settings, out);
            List<Sample> samples = new ArrayList<>();
            long start;
            long stopped;
            long sent;
            long skipped;
            try (CbrGenerator generator = new CbrGenerator(world.proxyTun(), PooledByteBufAllocator.DEFAULT, clock,
                    SERVER, world.clientAddress(), settings.packetSize(), settings.rateBitsPerSecond());
                 CbrGenerator voice = ledger == null ? null : voice(world, ledger)) {
                start = generator.start();
                sink.startClock(start);
                if (voice != null) {
                    voice.start();
                }
                DemoSampler sampler = new DemoSampler(world, sink,
                        ledger == null ? null : new RealtimeSampler(ledger, realtimeTuple(world.clientAddress())),
                        settings.packetSize(), clock, start);
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
                if (voice != null) {
                    voice.close();
                }
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
            double elapsed = (stopped - start) / 1e9;
            RealtimeResult realtime = ledger == null ? null : RealtimeResult.of(ledger, realtimePacketBytes(),
                    REALTIME_INTERVAL_NANOS, start, DemoResult.warmupSeconds(elapsed),
                    settings.lowestDelayLink().link().down().delayNanos() / 1e6);
            return new DemoResult(settings, samples, elapsed, interrupted, sent, skipped, sink.unique(),
                    sink.inOrder(), sink.duplicates(), sink.late(), proxyDrops, wire, drops, sink.inOrderBins(),
                    BIN_NANOS / 1e9, realtime);
        } finally {
            deleteQuietly(dir);
        }
    }

    /** The realtime stream: from the same server to the client as the bulk one, on its own port. */
    private CbrGenerator voice(DemoWorld world, RealtimeLedger ledger) {
        return new CbrGenerator(world.proxyTun(), PooledByteBufAllocator.DEFAULT, clock, SERVER, world.clientAddress(),
                REALTIME_PORT, realtimePacketBytes(), REALTIME_INTERVAL_NANOS, "demo-voice", ledger::sent);
    }

    static int realtimePacketBytes() {
        return CbrPackets.SEQ_OFFSET + REALTIME_PAYLOAD;
    }

    /** The realtime flow as the proxy's status names it. */
    static String realtimeTuple(int clientAddress) {
        return "udp " + Ipv4.format(SERVER) + ":" + REALTIME_PORT + " > " + Ipv4.format(clientAddress) + ":"
                + REALTIME_PORT;
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
