package dev.braid.testbed.bench.path;

import dev.braid.testbed.bench.netns.StatusTrace;
import dev.braid.testbed.bench.netns.TcpVariant;
import dev.braid.testbed.netns.Iperf;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Runs the profile matrix: per profile one {@link PathNet}, and in it, for each load and run,
 * every variant over its links (multilink variants also over the reference link), each traffic
 * and direction. Runs interleave the variants, so a slow minute of the machine falls on all of
 * them. Writes {@code path.csv} and {@code path.md} after every profile.
 */
public final class PathBench {

    /**
     * @param traffic          "tcp" and/or "udp"
     * @param loads            "idle" and/or "hog"
     * @param warmupSeconds    unmeasured TCP each way after a tunnel starts (JIT of fresh JVMs)
     * @param congestionControl the inner TCP's (iperf3 -C)
     */
    public record Settings(List<PathProfile> profiles, List<TcpVariant> variants, List<String> traffic,
                           List<String> directions, List<String> loads, int runs, int seconds, int omitSeconds,
                           int warmupSeconds, String encryption, String congestionControl,
                           List<String> multilinkOptions, boolean keepFiles, Path out, String command) {}

    private static final long QUEUE_SAMPLE_MILLIS = 250;

    private final Settings settings;
    private final PrintWriter log;
    private final List<PathResult> results = new ArrayList<>();

    public PathBench(Settings settings, PrintWriter log) {
        this.settings = settings;
        this.log = log;
    }

    /** @return true when every flow was measured */
    public boolean run() throws Exception {
        for (PathProfile profile : settings.profiles()) {
            runProfile(profile);
            PathReport.write(settings.out(), results, settings.command(), how(), descriptions());
        }
        log.println(PathReport.markdown(results, settings.command(), how(), descriptions()));
        log.println("wrote " + settings.out().resolve("path.csv") + " and " + settings.out().resolve("path.md"));
        log.flush();
        return results.stream().noneMatch(r -> Double.isNaN(r.mbit()));
    }

    private String how() {
        return String.format(Locale.ROOT, "%d run(s) each; a flow is %d s after %d s left out (iperf3, TCP %s; UDP at 1.2x "
                + "the sum, 1200-byte datagrams); every tunnel first carried %d s of unmeasured TCP each way. "
                + "Bottleneck (kernel tbf) before the propagation path (pathem over TUN) in both directions.",
                settings.runs(), settings.seconds(), settings.omitSeconds(), settings.congestionControl(),
                settings.warmupSeconds());
    }

    private List<String> descriptions() {
        return settings.profiles().stream().map(PathProfile::describe).toList();
    }

    private void runProfile(PathProfile profile) throws Exception {
        boolean failed = false;
        try (PathNet net = PathNet.build(profile, settings.encryption(), settings.multilinkOptions(), 1)) {
            log.println("[path] " + profile.describe());
            log.flush();
            for (String load : settings.loads()) {
                try (CpuHog hog = load.equals("hog") ? CpuHog.start(24 * 3600) : null) {
                    for (int run = 1; run <= settings.runs(); run++) {
                        for (TcpVariant variant : settings.variants()) {
                            for (List<Integer> links : placements(profile, variant)) {
                                failed |= !measureVariant(net, load, run, variant, links);
                            }
                        }
                    }
                }
            }
            if (settings.keepFiles() || failed) {
                net.keepFiles();
            }
        }
    }

    /** The links a variant runs over: multilink over all links and over the reference; the others over the best link. */
    private static List<List<Integer>> placements(PathProfile profile, TcpVariant variant) {
        if (!variant.isMultilink()) {
            return List.of(List.of(profile.bestLink()));
        }
        if (profile.isSingleLink()) {
            return List.of(List.of(0));
        }
        return List.of(List.of(0, 1), List.of(2));
    }

    private static String linksLabel(PathNet net, List<Integer> links) {
        if (links.size() > 1) {
            return "both";
        }
        return links.get(0) == 2 ? "ref" : net.profile().isSingleLink() ? "one" : "best";
    }

    /** Starts the variant, warms it up, measures every traffic and direction; @return false if anything failed. */
    private boolean measureVariant(PathNet net, String load, int run, TcpVariant variant, List<Integer> links)
            throws InterruptedException {
        String linksLabel = linksLabel(net, links);
        boolean started;
        try {
            net.start(variant, links);
            started = true;
        } catch (Exception | AssertionError e) {
            log.println("[path] " + net.profile().name() + " " + variant.label() + " " + linksLabel + ": did not start: "
                    + e.getMessage());
            started = false;
        }
        boolean ok = started;
        try {
            if (started) {
                warmUp(net);
            }
            for (String traffic : settings.traffic()) {
                for (String direction : settings.directions()) {
                    PathResult result = started ? measure(net, load, run, variant, links, linksLabel, traffic, direction)
                            : new PathResult(net.profile().name(), load, run, variant.label(), linksLabel, traffic,
                                    direction, Double.NaN, 0, Map.of(), Map.of());
                    ok &= !Double.isNaN(result.mbit());
                    results.add(result);
                    log.printf(Locale.ROOT, "[path] %-16s %-4s run %d %-28s %-4s %-3s %-4s %8.2f Mbit/s (%.0f%% of sum)%s%n",
                            result.profile(), load, run, result.variant(), linksLabel, traffic, direction, result.mbit(),
                            100 * result.mbit() / net.profile().sumMbit(),
                            queueText(result));
                    log.flush();
                }
            }
        } finally {
            net.stop();
        }
        return ok;
    }

    private void warmUp(PathNet net) {
        for (boolean down : new boolean[] {false, true}) {
            if (settings.warmupSeconds() == 0) {
                return;
            }
            try {
                net.iperf().tcp(net.clientNs(), settings.warmupSeconds(), 0, down, settings.congestionControl());
            } catch (IOException | RuntimeException | AssertionError | InterruptedException e) {
                log.println("[path] warm-up " + (down ? "down" : "up") + " failed: " + firstLine(e.getMessage()));
            }
        }
    }

    private PathResult measure(PathNet net, String load, int run, TcpVariant variant, List<Integer> links,
            String linksLabel, String traffic, String direction) throws InterruptedException {
        boolean down = direction.equals("down");
        double mbit = Double.NaN;
        long retransmits = 0;
        Map<String, Double> queues = Map.of();
        Map<String, Double> bottleneckQueues = Map.of();
        // One retry: iperf3's control connection can fail for reasons outside the tunnel.
        for (int attempt = 1; attempt <= 2 && Double.isNaN(mbit); attempt++) {
            Path socket = variant.isMultilink() ? net.controlSockets().get(down ? "proxy" : "client") : null;
            String trace = String.join("-", "status", load, "run" + run, variant.label(), linksLabel, traffic, direction)
                    + "-attempt" + attempt + ".txt";
            try (QueueSampler sampler = QueueSampler.start(socket, net.bottlenecks(links, down), QUEUE_SAMPLE_MILLIS);
                 StatusTrace status = settings.keepFiles() && !net.controlSockets().isEmpty()
                         ? StatusTrace.start(net.world().dir().resolve(trace), net.controlSockets(), 500) : null) {
                net.restartRates();
                Iperf.Report report = traffic.equals("udp")
                        ? net.iperf().udp(net.clientNs(), settings.seconds(), udpRate(net.profile()), down)
                        : net.iperf().tcp(net.clientNs(), settings.seconds(), settings.omitSeconds(), down,
                                settings.congestionControl());
                mbit = report.receiverBitsPerSecond() / 1e6;
                retransmits = report.retransmits();
                queues = sampler.engineMedians();
                bottleneckQueues = sampler.bottleneckMedians();
                if (links.size() > 1) {
                    writeLinkRates(String.join("-", net.profile().name(), load, "run" + run, variant.label(), traffic,
                            direction), net.profile(), sampler.rateSeries());
                }
            } catch (IOException | RuntimeException | AssertionError e) {
                log.println("[path] " + net.profile().name() + " " + variant.label() + " " + traffic + " " + direction
                        + " attempt " + attempt + ": " + firstLine(e.getMessage()));
            }
        }
        return new PathResult(net.profile().name(), load, run, variant.label(), linksLabel, traffic, direction, mbit,
                retransmits, queues, bottleneckQueues);
    }

    private void writeLinkRates(String flow, PathProfile profile, Map<String, double[][]> rates) {
        try {
            LinkRateFiles.write(settings.out(), flow, profile.describe() + " | " + flow, rates);
        } catch (IOException | RuntimeException e) {
            log.println("[path] " + flow + ": link rates not written: " + firstLine(e.getMessage()));
        }
    }

    private static String queueText(PathResult result) {
        StringBuilder text = new StringBuilder();
        if (!result.bottleneckQueueMs().isEmpty()) {
            text.append(" tbf queue p50");
            result.bottleneckQueueMs().forEach((link, ms) -> text.append(String.format(Locale.ROOT, " %s %.1f ms", link, ms)));
        }
        if (!result.queueMs().isEmpty()) {
            text.append("; srtt above min");
            result.queueMs().forEach((link, ms) -> text.append(String.format(Locale.ROOT, " %s %.1f ms", link, ms)));
        }
        return text.toString();
    }

    /** 1.2x the profile's summed rate, in iperf3's syntax. */
    static String udpRate(PathProfile profile) {
        return Math.round(profile.sumMbit() * 1.2 * 1000) + "K";
    }

    private static String firstLine(String text) {
        if (text == null) {
            return "";
        }
        int newline = text.indexOf('\n');
        return newline < 0 ? text : text.substring(0, newline);
    }
}
