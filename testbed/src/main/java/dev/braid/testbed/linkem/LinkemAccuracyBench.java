package dev.braid.testbed.linkem;

import dev.braid.core.time.SystemClock;
import dev.braid.testbed.link.LinkSpec;
import dev.braid.testbed.link.LinkSpecParser;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.HdrHistogram.Histogram;

/**
 * Measures the real-time emulator on loopback: delay error, rate error and the packets/s ceiling.
 * <pre>
 *   java -cp ... dev.braid.testbed.linkem.LinkemAccuracyBench --out linkem-accuracy.txt [--quick]
 * </pre>
 * Every load is bounded by a packet count and a duration; traffic stays on 127.0.0.1.
 */
public final class LinkemAccuracyBench {

    private static final long MS = 1_000_000L;
    private static final long S = 1_000_000_000L;

    /** One-way delay through the emulator versus the configured delay. */
    public record DelayResult(long configuredNanos, int sent, int received, Histogram errorNanos,
                              Histogram schedulerLatenessNanos) {
        public double errorP50Ms() {
            return errorNanos.getValueAtPercentile(50) / 1e6;
        }

        public double errorP99Ms() {
            return errorNanos.getValueAtPercentile(99) / 1e6;
        }

        public double errorMaxMs() {
            return errorNanos.getMaxValue() / 1e6;
        }

        /** Median of the measured one-way delay. */
        public double delayP50Ms() {
            return configuredNanos / 1e6 + errorP50Ms();
        }
    }

    /** Receive rate behind a rate-limited link that is offered more than its rate. */
    public record RateResult(long configuredBitsPerSecond, double measuredBitsPerSecond, int received) {
        public double errorPercent() {
            return (measuredBitsPerSecond - configuredBitsPerSecond) * 100.0 / configuredBitsPerSecond;
        }
    }

    /** Datagrams per second relayed by an unshaped link under a flood. */
    public record CeilingResult(int payloadBytes, int sent, int received, double packetsPerSecond) {
        public double lossPercent() {
            return (sent - received) * 100.0 / sent;
        }
    }

    private LinkemAccuracyBench() {}

    /**
     * Sends {@code packets} datagrams one every {@code intervalNanos} through a link with only a
     * {@code delayNanos} delay and records each one-way delay minus the configured delay.
     */
    public static DelayResult measureDelay(long delayNanos, int packets, long intervalNanos) throws IOException {
        LinkSpec spec = LinkSpec.symmetric(new LinkSpecParser().parseDirection("0/" + delayNanos + "ns"));
        try (LoopbackProbe probe = new LoopbackProbe(packets);
             LinkEmulator emulator = LinkEmulator.start(config(probe, spec))) {
            probe.send(emulator.listenAddress(), packets, 200, intervalNanos);
            probe.awaitReceived(packets, delayNanos + 5 * S);
            Histogram error = new Histogram(10 * S, 3);
            for (int i = 0; i < probe.sent(); i++) {
                if (probe.arrivedAt(i) != 0) {
                    long oneWay = probe.arrivedAt(i) - probe.sentAt(i);
                    error.recordValue(Math.max(0, oneWay - delayNanos));
                }
            }
            return new DelayResult(delayNanos, probe.sent(), probe.received(), error, emulator.deliveryLateness());
        }
    }

    /**
     * Offers {@code overload} times the rate for {@code durationNanos} and measures the receive rate
     * between the first and last arrival (UDP payload bytes, like the model counts them).
     */
    public static RateResult measureRate(long rateBitsPerSecond, int payloadBytes, double overload,
                                         long durationNanos) throws IOException {
        long interval = Math.round(payloadBytes * 8.0 * S / (rateBitsPerSecond * overload));
        int packets = (int) (durationNanos / interval);
        LinkSpec spec = LinkSpec.symmetric(new LinkSpecParser()
                .parseDirection(rateBitsPerSecond + "bit/1ms,queue=100ms"));
        try (LoopbackProbe probe = new LoopbackProbe(packets);
             LinkEmulator emulator = LinkEmulator.start(config(probe, spec))) {
            probe.send(emulator.listenAddress(), packets, payloadBytes, interval);
            probe.awaitQuiet(300 * MS, 10 * S);
            long span = probe.lastArrivalNanos() - probe.firstArrivalNanos();
            // The first datagram's bytes were clocked out before the first arrival: leave them out.
            double measured = (probe.receivedBytes() - payloadBytes) * 8.0 * S / span;
            return new RateResult(rateBitsPerSecond, measured, probe.received());
        }
    }

    /** Floods an unshaped link for up to {@code durationNanos} (at most {@code maxPackets}). */
    public static CeilingResult measureCeiling(int payloadBytes, int maxPackets, long durationNanos) throws IOException {
        LinkSpec spec = LinkSpec.symmetric(new LinkSpecParser().parseDirection(""));
        try (LoopbackProbe probe = new LoopbackProbe(maxPackets);
             LinkEmulator emulator = LinkEmulator.start(config(probe, spec))) {
            long end = SystemClock.INSTANCE.nanos() + durationNanos;
            while (probe.sent() < maxPackets && SystemClock.INSTANCE.nanos() < end) {
                probe.send(emulator.listenAddress(), 1000, payloadBytes, 0);
            }
            probe.awaitQuiet(300 * MS, 10 * S);
            long span = Math.max(1, probe.lastArrivalNanos() - probe.firstArrivalNanos());
            return new CeilingResult(payloadBytes, probe.sent(), probe.received(),
                    (probe.received() - 1) * (double) S / span);
        }
    }

    private static LinkemConfig config(LoopbackProbe probe, LinkSpec spec) {
        return LinkemConfig.of(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0),
                probe.targetAddress(), spec);
    }

    public static void main(String[] args) throws IOException {
        Path out = null;
        boolean quick = false;
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--out" -> out = Path.of(args[++i]);
                case "--quick" -> quick = true;
                default -> {
                    System.err.println("usage: LinkemAccuracyBench [--out FILE] [--quick]");
                    System.exit(2);
                }
            }
        }
        long seconds = quick ? 1 : 3;
        List<String> lines = new ArrayList<>();
        lines.add("# linkem accuracy, " + Instant.now() + ", " + Runtime.getRuntime().availableProcessors()
                + " cores, " + System.getProperty("java.vm.name") + " " + System.getProperty("java.version"));
        // Warm-up, not reported: lets the JIT compile the relay's hot path before measuring.
        measureDelay(1 * MS, 1000, 500_000);
        measureRate(50_000_000, 1200, 1.2, S / 2);
        for (long delayMs : new long[] {1, 20, 100}) {
            DelayResult d = measureDelay(delayMs * MS, (int) (seconds * 500), 2 * MS);
            lines.add(String.format(Locale.ROOT,
                    "delay %3d ms, 500 pkt/s: received %d/%d, error p50 %.3f ms p99 %.3f ms max %.3f ms"
                            + " (of which scheduler wake-up lateness p50 %.3f ms p99 %.3f ms)",
                    delayMs, d.received(), d.sent(), d.errorP50Ms(), d.errorP99Ms(), d.errorMaxMs(),
                    d.schedulerLatenessNanos().getValueAtPercentile(50) / 1e6,
                    d.schedulerLatenessNanos().getValueAtPercentile(99) / 1e6));
            emit(lines);
        }
        for (long mbit : new long[] {1, 8, 50, 100}) {
            RateResult r = measureRate(mbit * 1_000_000, 1200, 1.2, seconds * S);
            lines.add(String.format(Locale.ROOT,
                    "rate %3d Mbit/s, offered 1.2x, 1200 B: measured %.3f Mbit/s, error %+.2f %% (%d packets)",
                    mbit, r.measuredBitsPerSecond() / 1e6, r.errorPercent(), r.received()));
            emit(lines);
        }
        for (int size : new int[] {64, 1200}) {
            CeilingResult c = measureCeiling(size, (int) (seconds * 400_000), seconds * S);
            lines.add(String.format(Locale.ROOT,
                    "ceiling, unshaped, %4d B flood: %.0f pkt/s relayed (%.1f Mbit/s), sent %d, lost %.1f %%",
                    size, c.packetsPerSecond(), c.packetsPerSecond() * size * 8 / 1e6, c.sent(), c.lossPercent()));
            emit(lines);
        }
        if (out != null) {
            Files.write(out, lines);
            System.out.println("wrote " + out.toAbsolutePath());
        }
    }

    private static void emit(List<String> lines) {
        System.out.println(lines.get(lines.size() - 1));
        System.out.flush();
    }
}
