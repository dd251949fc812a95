package dev.braid.testbed.bench.realtime;

import dev.braid.core.time.SystemClock;
import dev.braid.testbed.bench.netns.TcpVariant;
import dev.braid.testbed.bench.path.PathNet;
import dev.braid.testbed.bench.path.PathProfile;
import dev.braid.testbed.netns.Iperf;
import dev.braid.testbed.netns.Netns;
import dev.braid.testbed.netns.ProxyTopology;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Runs {@code bench realtime}: per world (issue 15's two links, and the same with 2 % loss) one
 * {@link PathNet}; in it, run after run, every variant (direct is plain IP over the fast link)
 * carries the VoIP-like {@link RealtimeProbe} through each scenario and direction. Runs
 * interleave the variants, so a slow minute of the shared machine falls on all of them. Writes
 * the reports after every world, so a later failure keeps what was measured.
 */
public final class RealtimeBench {

    /**
     * @param seconds       length of each probe (and of the bulk flow's measured part)
     * @param warmupSeconds unmeasured TCP each way after a tunnel starts (JIT of fresh JVMs)
     */
    public record Settings(List<RealtimeScenario> scenarios, List<TcpVariant> variants, List<String> directions, int runs,
                           int seconds, int warmupSeconds, String encryption, List<String> multilinkOptions,
                           boolean keepFiles, Path out, String command) {}

    /** The fast link: where plain IP runs, and the one cut (a realtime flow belongs on it). */
    static final int FAST_LINK = 0;
    /** Slow start of the bulk flow left out of its goodput; the probe begins after it. */
    private static final int BULK_OMIT_SECONDS = 2;
    /** Time for the probe sender's JVM to start before its first datagram is due. */
    private static final Duration SENDER_START = Duration.ofMillis(1500);
    private static final Pattern SOURCE = Pattern.compile("\\bsrc (\\S+)");

    private final Settings settings;
    private final PrintWriter log;
    private final List<RealtimeResult> results = new ArrayList<>();

    public RealtimeBench(Settings settings, PrintWriter log) {
        this.settings = settings;
        this.log = log;
    }

    /** @return true when every probe was measured */
    public boolean run() throws Exception {
        Map<String, List<RealtimeScenario>> byWorld = new LinkedHashMap<>();
        settings.scenarios().forEach(s -> byWorld.computeIfAbsent(s.profile().name(), k -> new ArrayList<>()).add(s));
        for (List<RealtimeScenario> scenarios : byWorld.values()) {
            runWorld(scenarios.get(0).profile(), scenarios);
            writeReports();
        }
        log.println(RealtimeReport.markdown(results, verdicts(), settings.command(), how()));
        log.println("wrote realtime.csv, realtime-samples.csv, realtime.md and charts/ to " + settings.out());
        log.flush();
        return results.stream().allMatch(r -> r.error() == null);
    }

    public List<RealtimeResult> results() {
        return List.copyOf(results);
    }

    private List<RealtimeVerdict> verdicts() {
        return RealtimeVerdict.judge(results, RealtimeScenario.IDLE.profile().links().get(FAST_LINK).delayMs());
    }

    private void writeReports() throws IOException {
        RealtimeReport.write(settings.out(), results, verdicts(), settings.command(), how());
        RealtimeCharts.write(settings.out(), results);
    }

    String how() {
        return String.format(Locale.ROOT, "%d run(s); each probe: 160-byte UDP payloads every 20 ms for %d s, one-way "
                + "delay from the sender's to the receiver's System.nanoTime() (one clock, all namespaces on one host). "
                + "World: %s; tbf bottleneck before the pathem propagation path, both directions. bulk: one iperf3 TCP "
                + "flow (cubic) the same way, measured %d s after %d s of slow start, alone and then with the probe "
                + "beside it. loss-2: %s. cut: the fast link dropped both ways from 1/3 to 2/3 of the probe (Braid over "
                + "both links only). Encryption %s; every tunnel first carried %d s of unmeasured TCP each way.",
                settings.runs(), settings.seconds(), RealtimeScenario.IDLE.profile().describe(), settings.seconds() + 1,
                BULK_OMIT_SECONDS, RealtimeScenario.LOSS.profile().describe(), settings.encryption(), settings.warmupSeconds());
    }

    private void runWorld(PathProfile profile, List<RealtimeScenario> scenarios) throws Exception {
        boolean failed = false;
        try (PathNet net = PathNet.build(profile, settings.encryption(), settings.multilinkOptions(), 1)) {
            log.println("[realtime] " + profile.describe());
            log.flush();
            for (int run = 1; run <= settings.runs(); run++) {
                for (TcpVariant variant : settings.variants()) {
                    failed |= !measureVariant(net, run, variant, scenarios);
                }
            }
            if (settings.keepFiles() || failed) {
                net.keepFiles();
            }
        }
    }

    /** Starts the variant, warms it up, probes every scenario and direction; @return false if anything failed. */
    private boolean measureVariant(PathNet net, int run, TcpVariant variant, List<RealtimeScenario> scenarios)
            throws InterruptedException {
        String startError = null;
        try {
            net.start(variant, variant.isMultilink() ? List.of(FAST_LINK, 1) : List.of(FAST_LINK));
            warmUp(net);
        } catch (Exception | AssertionError e) {
            startError = "did not start: " + e.getMessage();
        }
        boolean ok = startError == null;
        try {
            for (RealtimeScenario scenario : scenarios) {
                if (scenario.needsTwoLinks() && !variant.isMultilink()) {
                    continue;
                }
                for (String direction : settings.directions()) {
                    RealtimeResult result = startError != null
                            ? failed(scenario, variant, direction, run, startError)
                            : measure(net, run, variant, scenario, direction);
                    ok &= result.error() == null;
                    results.add(result);
                    log.println(progress(result));
                    log.flush();
                }
            }
        } finally {
            net.stop();
        }
        return ok;
    }

    private void warmUp(PathNet net) throws IOException, InterruptedException {
        for (boolean down : new boolean[] {false, true}) {
            if (settings.warmupSeconds() > 0) {
                net.iperf().tcp(net.clientNs(), settings.warmupSeconds(), 0, down, "cubic");
            }
        }
    }

    private RealtimeResult measure(PathNet net, int run, TcpVariant variant, RealtimeScenario scenario, String direction)
            throws InterruptedException {
        boolean down = direction.equals("down");
        try {
            Netns sender = down ? net.serverNs() : net.clientNs();
            Netns receiver = down ? net.clientNs() : net.serverNs();
            String address = down ? clientAddress(net) : ProxyTopology.SERVER;
            RealtimeProbe probe = new RealtimeProbe(net.world());
            Duration duration = Duration.ofSeconds(settings.seconds());
            return switch (scenario) {
                case IDLE, LOSS -> result(scenario, variant, direction, run, probe.run(sender, receiver, address, duration),
                        Double.NaN, Double.NaN);
                case CUT -> result(scenario, variant, direction, run, probeWithCut(net, probe, sender, receiver, address,
                        duration), Double.NaN, Double.NaN);
                case BULK -> probeBesideBulk(net, probe, run, variant, direction, sender, receiver, address, duration);
            };
        } catch (IOException | RuntimeException | AssertionError | ExecutionException | TimeoutException e) {
            return failed(scenario, variant, direction, run, e.getMessage());
        }
    }

    /** The fast link is dropped both ways from a third to two thirds of the probe, by a timer beside it. */
    private static RealtimeProbe.Result probeWithCut(PathNet net, RealtimeProbe probe, Netns sender, Netns receiver,
            String address, Duration duration) throws IOException, InterruptedException {
        long start = SystemClock.INSTANCE.nanos() + SENDER_START.toNanos();
        long third = duration.toNanos() / 3;
        ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor();
        try {
            Future<AutoCloseable> cut = timer.schedule(() -> net.cut(FAST_LINK), start + third - SystemClock.INSTANCE.nanos(),
                    TimeUnit.NANOSECONDS);
            timer.schedule(() -> {
                cut.get().close();
                return null;
            }, start + 2 * third - SystemClock.INSTANCE.nanos(), TimeUnit.NANOSECONDS);
            return probe.run(sender, receiver, address, duration, start);
        } finally {
            // Lets a pending restore run (a failed probe must not leave the link cut), then stops the timer.
            timer.shutdown();
            if (!timer.awaitTermination(duration.toSeconds() + 10, TimeUnit.SECONDS)) {
                timer.shutdownNow();
            }
        }
    }

    /**
     * The bulk flow alone, then again with the probe beside it, the probe starting after the
     * flow's slow start; the flow's measured part covers the whole probe.
     */
    private RealtimeResult probeBesideBulk(PathNet net, RealtimeProbe probe, int run, TcpVariant variant, String direction,
            Netns sender, Netns receiver, String address, Duration duration)
            throws IOException, InterruptedException, ExecutionException, TimeoutException {
        boolean down = direction.equals("down");
        int bulkSeconds = settings.seconds() + 1;
        double alone = net.iperf().tcp(net.clientNs(), bulkSeconds, BULK_OMIT_SECONDS, down, "cubic")
                .receiverBitsPerSecond() / 1e6;
        ExecutorService bulk = Executors.newSingleThreadExecutor();
        try {
            long start = SystemClock.INSTANCE.nanos() + Duration.ofSeconds(BULK_OMIT_SECONDS).plusMillis(500).toNanos();
            Future<Iperf.Report> flow = bulk.submit(() -> net.iperf().tcp(net.clientNs(), bulkSeconds, BULK_OMIT_SECONDS,
                    down, "cubic"));
            RealtimeProbe.Result probed = probe.run(sender, receiver, address, duration, start);
            double with = flow.get(bulkSeconds + BULK_OMIT_SECONDS + 40L, TimeUnit.SECONDS).receiverBitsPerSecond() / 1e6;
            return result(RealtimeScenario.BULK, variant, direction, run, probed, alone, with);
        } finally {
            bulk.shutdownNow();
        }
    }

    /** The client's address as the server sees it: the source of its route to the server (the TUN's, or eth0's for plain IP). */
    private static String clientAddress(PathNet net) {
        String route = net.clientNs().run("ip", "-o", "-4", "route", "get", ProxyTopology.SERVER);
        Matcher source = SOURCE.matcher(route);
        if (!source.find()) {
            throw new IllegalStateException("no source address in `ip route get " + ProxyTopology.SERVER + "`: " + route);
        }
        return source.group(1);
    }

    private static RealtimeResult result(RealtimeScenario scenario, TcpVariant variant, String direction, int run,
            RealtimeProbe.Result probed, double alone, double with) {
        return new RealtimeResult(scenario, variant.label(), direction, run, probed.stats(), probed.samples(), alone, with,
                null);
    }

    private RealtimeResult failed(RealtimeScenario scenario, TcpVariant variant, String direction, int run, String why) {
        int count = RealtimeProbe.count(Duration.ofSeconds(settings.seconds()));
        return new RealtimeResult(scenario, variant.label(), direction, run, ProbeStats.of(List.of(), count, RealtimeProbe.INTERVAL), List.of(),
                Double.NaN, Double.NaN, why == null ? "failed" : why);
    }

    private static String progress(RealtimeResult r) {
        ProbeStats s = r.stats();
        String line = String.format(Locale.ROOT, "[realtime] run %d %-8s %-4s %-24s p50 %6.1f p99 %6.1f max %6.0f ms, "
                        + "loss %.2f %%, dup %d, reord %d, longest gap %.0f ms", r.run(), r.scenario().label(), r.direction(),
                r.variant(), s.p50Ms(), s.p99Ms(), s.maxMs(), s.lossPercent(), s.duplicates(), s.reordered(), s.longestGapMs());
        if (!Double.isNaN(r.bulkAloneMbit())) {
            line += String.format(Locale.ROOT, ", bulk %.2f Mbit/s alone, %.2f beside it", r.bulkAloneMbit(), r.bulkWithMbit());
        }
        return r.error() == null ? line : line + " FAILED: " + firstLine(r.error());
    }

    private static String firstLine(String text) {
        int newline = text.indexOf('\n');
        return newline < 0 ? text : text.substring(0, newline);
    }
}
