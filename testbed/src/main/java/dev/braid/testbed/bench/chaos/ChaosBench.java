package dev.braid.testbed.bench.chaos;

import dev.braid.core.time.SystemClock;
import dev.braid.testbed.bench.netns.ProcessUsage;
import dev.braid.testbed.bench.netns.TcpVariant;
import dev.braid.testbed.bench.path.PathNet;
import dev.braid.testbed.bench.path.PathProfile;
import dev.braid.testbed.bench.realtime.ProbeSample;
import dev.braid.testbed.bench.realtime.ProbeStats;
import dev.braid.testbed.bench.realtime.RealtimeProbe;
import dev.braid.testbed.netns.Braid;
import dev.braid.testbed.netns.Iperf;
import dev.braid.testbed.netns.Netns;
import dev.braid.testbed.netns.ProxyTopology;
import java.io.IOException;
import java.io.PrintWriter;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

/**
 * One chaos run: Braid's shipped multilink configuration over a two-link path profile, a UDP
 * probe (160 bytes every 20 ms) and a paced TCP flow from the client to the server for the whole
 * run, and every {@code eventEvery} the next {@link ChaosEvent}. Braid's processes run with
 * paranoid ByteBuf leak detection; every process's log is read for leak reports before it ends.
 */
public final class ChaosBench {
    private static final Duration SENDER_START = Duration.ofMillis(1500);
    private static final Duration RECOVERY = Duration.ofSeconds(30);
    private static final String LEAK_DETECTION = "-Dio.netty.leakDetection.level=paranoid";

    /**
     * @param tcpRate iperf3's -b for the TCP flow (e.g. "5M"): below the links' sum, so the run
     *                measures outages, not a saturated machine
     */
    public record Settings(PathProfile profile, int seconds, int eventEverySeconds, String encryption, String tcpRate,
                           boolean keepFiles) {
        public Settings {
            if (profile.isSingleLink()) {
                throw new IllegalArgumentException("chaos needs a two-link profile, got " + profile.name());
            }
            if (eventEverySeconds < 10 || seconds < 2 * eventEverySeconds) {
                throw new IllegalArgumentException("events at least 10 s apart and a run of at least two of them");
            }
        }
    }

    /** One fault as it happened: SystemClock nanos of its start and of its end. */
    private record Fault(ChaosEvent event, long begunNanos, long overNanos) {
    }

    private final Settings settings;
    private final PrintWriter log;
    private final List<MemorySample> memory = new ArrayList<>();
    private int leaks;
    private int clientInstance = 1;
    private int proxyInstance = 1;
    private long startNanos;

    public ChaosBench(Settings settings, PrintWriter log) {
        this.settings = settings;
        this.log = log;
    }

    public ChaosResult run() throws Exception {
        String before = System.getProperty(Braid.JAVA_OPTIONS_PROPERTY);
        String options = String.join(" ", Braid.configuredJavaOptions());
        System.setProperty(Braid.JAVA_OPTIONS_PROPERTY, options.contains("leakDetection") ? options : options + " " + LEAK_DETECTION);
        try (PathNet net = PathNet.build(settings.profile(), settings.encryption(), List.of(), 1)) {
            if (settings.keepFiles()) {
                net.keepFiles();
                log.println("[chaos] configs and logs stay in " + net.world().dir());
            }
            return runIn(net);
        } finally {
            if (before == null) {
                System.clearProperty(Braid.JAVA_OPTIONS_PROPERTY);
            } else {
                System.setProperty(Braid.JAVA_OPTIONS_PROPERTY, before);
            }
        }
    }

    private ChaosResult runIn(PathNet net) throws Exception {
        net.start(TcpVariant.parse("proportional/queue"), List.of(0, 1));
        Duration duration = Duration.ofSeconds(settings.seconds());
        ExecutorService flows = Executors.newFixedThreadPool(2);
        try {
            startNanos = SystemClock.INSTANCE.nanos() + SENDER_START.toNanos();
            Future<RealtimeProbe.Result> udp = flows.submit(() -> new RealtimeProbe(net.world())
                    .run(net.clientNs(), net.serverNs(), ProxyTopology.SERVER, duration, startNanos));
            long tcpStart = SystemClock.INSTANCE.nanos();
            Future<String> tcp = flows.submit(() -> net.iperf().pacedTcpJson(net.clientNs(), settings.seconds(), settings.tcpRate()));
            List<Fault> faults = runEvents(net);
            RealtimeProbe.Result probe = udp.get(settings.seconds() + 120L, TimeUnit.SECONDS);
            List<Iperf.Interval> intervals = List.of();
            String tcpError = null;
            double tcpMbit = Double.NaN;
            try {
                String json = tcp.get(60, TimeUnit.SECONDS);
                intervals = Iperf.intervals(json);
                tcpMbit = Iperf.parse("tcp", json).receiverBitsPerSecond() / 1e6;
            } catch (ExecutionException e) {
                tcpError = String.valueOf(e.getCause().getMessage()).lines().findFirst().orElse("failed");
            }
            boolean tunnelAtEnd = pingsWithin(net.clientNs(), RECOVERY);
            sampleMemory(net);
            leaks += net.braidClient().leakReports() + net.braidProxy().leakReports();
            List<EventOutcome> outcomes = outcomes(faults, probe.samples(), intervals, tcpStart);
            outcomes.forEach(o -> log.printf("[chaos] %-15s at %5.1f s (%4.1f s): UDP longest gap %6.0f ms%s, TCP stall %.1f s%n",
                    o.event().label(), o.atSeconds(), o.tookSeconds(), o.udpLongestGapMs(), o.udpBack() ? "" : " NOT BACK",
                    o.tcpStallSeconds()));
            ProbeStats udpStats = probe.stats();
            return new ChaosResult(settings.profile().name(), settings.seconds(), outcomes, udpStats, tcpMbit, tcpError,
                    tunnelAtEnd, leaks, List.copyOf(memory));
        } finally {
            flows.shutdownNow();
            net.stop();
        }
    }

    private List<Fault> runEvents(PathNet net) throws Exception {
        List<Fault> faults = new ArrayList<>();
        long every = Duration.ofSeconds(settings.eventEverySeconds()).toNanos();
        for (int i = 0; ; i++) {
            long at = startNanos + every / 2 + i * every;
            if (at + every / 2 > startNanos + Duration.ofSeconds(settings.seconds()).toNanos()) {
                return faults;
            }
            sleepUntil(at);
            sampleMemory(net);
            ChaosEvent event = ChaosEvent.at(i);
            if (event == ChaosEvent.PROXY_KILL) {
                leaks += net.braidProxy().leakReports();
                proxyInstance++;
            } else if (event == ChaosEvent.CLIENT_RESTART) {
                leaks += net.braidClient().leakReports();
                clientInstance++;
            }
            long begun = SystemClock.INSTANCE.nanos();
            log.printf("[chaos] %5.1f s: %s%n", (begun - startNanos) / 1e9, event.description());
            event.apply(net);
            faults.add(new Fault(event, begun, SystemClock.INSTANCE.nanos()));
        }
    }

    private List<EventOutcome> outcomes(List<Fault> faults, List<ProbeSample> samples, List<Iperf.Interval> intervals,
            long tcpStart) {
        long[] arrivals = ProbeStats.firstArrivals(samples).stream().mapToLong(ProbeSample::receivedNanos).sorted().toArray();
        long end = startNanos + Duration.ofSeconds(settings.seconds()).toNanos();
        List<EventOutcome> outcomes = new ArrayList<>();
        for (int i = 0; i < faults.size(); i++) {
            long begun = faults.get(i).begunNanos();
            long over = faults.get(i).overNanos();
            long until = i + 1 < faults.size() ? faults.get(i + 1).begunNanos() : end;
            outcomes.add(new EventOutcome(faults.get(i).event(), (begun - startNanos) / 1e9,
                    (over - begun) / 1e9, ChaosTimeline.longestGapMs(arrivals, begun, until),
                    ChaosTimeline.arrivedBetween(arrivals, over, until),
                    ChaosTimeline.longestStallSeconds(intervals, (begun - tcpStart) / 1e9, (until - tcpStart) / 1e9)));
        }
        return outcomes;
    }

    private void sampleMemory(PathNet net) throws IOException {
        double at = (SystemClock.INSTANCE.nanos() - startNanos) / 1e9;
        ProcessUsage client = ProcessUsage.of(net.braidClient().process().pid());
        ProcessUsage proxy = ProcessUsage.of(net.braidProxy().process().pid());
        memory.add(new MemorySample("client " + clientInstance, at, client.rssKiB(), client.threads()));
        memory.add(new MemorySample("proxy " + proxyInstance, at, proxy.rssKiB(), proxy.threads()));
    }

    private static boolean pingsWithin(Netns client, Duration within) throws InterruptedException {
        long deadline = SystemClock.INSTANCE.nanos() + within.toNanos();
        while (SystemClock.INSTANCE.nanos() < deadline) {
            if (client.exec(Duration.ofSeconds(5), "ping", "-c", "1", "-W", "1", ProxyTopology.SERVER).ok()) {
                return true;
            }
            Thread.sleep(500);
        }
        return false;
    }

    private static void sleepUntil(long nanos) throws InterruptedException {
        long left = nanos - SystemClock.INSTANCE.nanos();
        if (left > 0) {
            TimeUnit.NANOSECONDS.sleep(left);
        }
    }
}
