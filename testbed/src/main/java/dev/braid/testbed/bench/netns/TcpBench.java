package dev.braid.testbed.bench.netns;

import dev.braid.testbed.bench.path.PathBench;
import dev.braid.testbed.bench.path.PathOptions;
import dev.braid.testbed.netns.Iperf;
import dev.braid.testbed.netns.Netns;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code bench tcp}: one iperf3 TCP flow each way through Braid over two shaped links (root,
 * network namespaces, real TUNs), per scenario and {@link TcpVariant}, against the best single
 * link. Writes {@code DIR/tcp.csv} and {@code DIR/tcp.md}. With {@code --profiles} it runs the
 * harder testbed instead ({@link PathBench}: bottleneck before propagation both ways, the profile
 * matrix, repeated runs, the reference link), writing {@code DIR/path.csv} and {@code DIR/path.md}.
 */
@Command(name = "tcp", mixinStandardHelpOptions = true,
        description = {"iperf3 TCP through Braid over two links (tbf rate, linkem delay) vs the best single link.",
                "Needs root, iproute2 (ip, tc), iperf3. Full matrix: about 10 minutes."})
public final class TcpBench implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Option(names = "--out", required = true, paramLabel = "DIR", description = "Where tcp.csv and tcp.md go.")
    Path out;

    @Option(names = "--quick", description = "One scenario (5+5 Mbit/s, 10/10 ms), 3 s runs, single vs default multilink.")
    boolean quick;

    @Option(names = "--seconds", paramLabel = "N", description = "Length of each iperf3 run (default 10, quick 3).")
    Integer seconds;

    @Option(names = "--omit", paramLabel = "N", description = "Seconds of slow start left out of each report (default 1, quick 0).")
    Integer omit;

    @Option(names = "--warmup", paramLabel = "N",
            description = "Seconds of unmeasured iperf3 TCP each way after each variant's tunnel starts (default 5, quick 0). "
                    + "On this 2-core machine the JIT compilers of four fresh JVMs (Braid's client and proxy, the two "
                    + "linkem relays) cost the first flow after a start several %% of the sum; 0 measures that flow.")
    Integer warmup;

    @Option(names = "--variants", split = ",", paramLabel = "V",
            description = "single, wireguard (wireguard-go over the best link) and/or SCHEDULER/queue|drop[+KEY=VALUE...] "
                    + "(default: single, proportional/queue, min-rtt/queue, most-free-window/queue); every multilink "
                    + "variant has the product's other multilink defaults, e.g. align-delay.")
    List<String> variants;

    @Option(names = "--scenarios", split = ",", paramLabel = "S",
            description = "RATE_A+RATE_B@DELAY_A/DELAY_B[~LOSS_A/LOSS_B] in Mbit/s, one-way ms and random loss %%, "
                    + "e.g. 50+50@10/50 or 50+50@10/50~0/1 (default: the matrix).")
    List<String> scenarioSpecs;

    @Option(names = "--multilink-option", paramLabel = "KEY=VALUE",
            description = "Extra key of the multilink: section of proxy and client (repeatable), e.g. min-rto=1s.")
    List<String> multilinkOptions = new ArrayList<>();

    @Option(names = "--directions", split = ",", paramLabel = "D", defaultValue = "up,down",
            description = "Runs per variant in this order, each up (client to server) or down; e.g. up,up to see a "
                    + "second run in a session that has already carried traffic. Default: ${DEFAULT-VALUE}.")
    List<String> directions;

    @Mixin
    PathOptions path;

    @Option(names = "--with-udp", description = "With --profiles: also a UDP flood at 1.2x the sum after each TCP flow.")
    boolean withUdp;

    @Option(names = "--keep-files", description = "Keep each scenario's configs and logs (printed at the end of the scenario).")
    boolean keepFiles;

    @Option(names = "--encryption", defaultValue = "none",
            description = "Tunnel encryption (none keeps the 2-core test machine's CPU out of the picture). Default: ${DEFAULT-VALUE}.")
    String encryption;

    @Option(names = "--congestion-control", defaultValue = "cubic", paramLabel = "NAME",
            description = "The inner TCP flow's congestion control (iperf3 -C; the kernel must offer it, see "
                    + "net.ipv4.tcp_available_congestion_control). Default: ${DEFAULT-VALUE}.")
    String congestionControl;

    @Override
    public Integer call() throws Exception {
        PrintWriter log = spec.commandLine().getOut();
        if (!Netns.isRoot()) {
            spec.commandLine().getErr().println("bench tcp needs root (network namespaces, tc, TUN devices)");
            return 2;
        }
        if (path.profiles != null) {
            return runProfiles(withUdp ? List.of("tcp", "udp") : List.of("tcp"));
        }
        List<String> names = variants != null ? variants
                : quick ? List.of("single", "most-free-window/queue") : TcpVariant.DEFAULTS;
        List<TcpVariant> parsed = names.stream().map(TcpVariant::parse).toList();
        if (parsed.stream().anyMatch(TcpVariant::isDirect)) {
            spec.commandLine().getErr().println("the direct variant needs --profiles (this world's delay relay carries the tunnel's UDP only)");
            return 2;
        }
        List<String> tools = new ArrayList<>(List.of("ip", "tc", "iperf3", "ss", "ping"));
        if (parsed.stream().anyMatch(TcpVariant::isWireguard)) {
            tools.addAll(List.of("wireguard-go", "wg"));
        }
        for (String tool : tools) {
            if (!Netns.hasTool(tool)) {
                spec.commandLine().getErr().println("bench tcp needs " + tool + " on the PATH"
                        + (tool.startsWith("w") ? " for the wireguard variant (apt-get install wireguard-go wireguard-tools)" : ""));
                return 2;
            }
        }
        List<TcpScenario> scenarios = scenarioSpecs != null ? scenarioSpecs.stream().map(TcpScenario::parse).toList()
                : quick ? List.of(TcpScenario.quick()) : TcpScenario.matrix();
        int runSeconds = seconds != null ? seconds : quick ? 3 : 10;
        int omitSeconds = omit != null ? omit : quick ? 0 : 1;
        int warmupSeconds = warmup != null ? warmup : quick ? 0 : 5;
        if (warmupSeconds < 0) {
            spec.commandLine().getErr().println("--warmup takes seconds >= 0, got " + warmupSeconds);
            return 2;
        }
        if (!directions.stream().allMatch(d -> d.equals("up") || d.equals("down"))) {
            spec.commandLine().getErr().println("--directions takes up and down, got " + directions);
            return 2;
        }
        String runs = String.format(Locale.ROOT, "Each run: one iperf3 TCP flow (%s) of %d s after %d s left out; "
                + "each tunnel first carried %d s of unmeasured TCP each way (warm-up).",
                congestionControl, runSeconds, omitSeconds, warmupSeconds);
        List<TcpResult> results = new ArrayList<>();
        for (TcpScenario scenario : scenarios) {
            results.addAll(runScenario(scenario, parsed, runSeconds, omitSeconds, warmupSeconds, log));
            TcpReport.write(out, results, commandLine(), runs); // partial results survive a later failure
        }
        log.println(TcpReport.markdown(results, commandLine(), runs));
        log.println("wrote " + out.resolve("tcp.csv") + " and " + out.resolve("tcp.md"));
        log.flush();
        return results.stream().anyMatch(r -> Double.isNaN(r.goodputMbit())) ? 1 : 0;
    }

    /** The harder testbed's matrix ({@link PathBench}) with this command's run options. */
    private int runProfiles(List<String> traffic) throws Exception {
        return runPathBench(spec, path, variants, traffic, directions, seconds != null ? seconds : 10,
                omit != null ? omit : 1, warmup != null ? warmup : 3, encryption, congestionControl, multilinkOptions,
                keepFiles, out);
    }

    /** Checks tools and options, runs {@link PathBench}; @return the exit code (0: every flow measured). */
    public static int runPathBench(CommandSpec spec, PathOptions path, List<String> variantNames, List<String> traffic,
            List<String> directions, int seconds, int omit, int warmup, String encryption, String congestionControl,
            List<String> multilinkOptions, boolean keepFiles, Path out) throws Exception {
        List<String> problems = new ArrayList<>(path.problems());
        List<TcpVariant> parsed = (variantNames != null ? variantNames : PathOptions.DEFAULT_VARIANTS).stream()
                .map(TcpVariant::parse).toList();
        List<String> tools = new ArrayList<>(List.of("ip", "tc", "iperf3", "ss", "ping"));
        if (parsed.stream().anyMatch(TcpVariant::isWireguard)) {
            tools.addAll(List.of("wireguard-go", "wg"));
        }
        tools.stream().filter(t -> !Netns.hasTool(t)).forEach(t -> problems.add("needs " + t + " on the PATH"));
        if (!directions.stream().allMatch(d -> d.equals("up") || d.equals("down"))) {
            problems.add("--directions takes up and down, got " + directions);
        }
        if (!problems.isEmpty()) {
            problems.forEach(spec.commandLine().getErr()::println);
            return 2;
        }
        PathBench.Settings settings = new PathBench.Settings(path.parsedProfiles(), parsed, traffic, directions, path.loads,
                path.runs, seconds, omit, warmup, encryption, congestionControl, multilinkOptions, keepFiles, out,
                CommandLines.of(spec));
        return new PathBench(settings, spec.commandLine().getOut()).run() ? 0 : 1;
    }

    /** Every variant both ways in one scenario's world; a failed run is logged and left NaN. */
    List<TcpResult> runScenario(TcpScenario scenario, List<TcpVariant> variants, int runSeconds, int omitSeconds,
            int warmupSeconds, PrintWriter log) throws Exception {
        List<TcpResult> results = new ArrayList<>();
        boolean failed = false;
        try (TwoLinkNet net = TwoLinkNet.build(scenario, encryption, multilinkOptions)) {
            for (TcpVariant variant : variants) {
                boolean started = false;
                try {
                    net.start(variant, scenario.bestIsA());
                    started = true;
                } catch (Exception | AssertionError e) {
                    log.println("[tcp] " + scenario.name() + " " + variant.label() + ": tunnel did not start: " + e.getMessage());
                    failed = true;
                }
                if (started && warmupSeconds > 0) {
                    warmUp(net, scenario, variant, warmupSeconds, log);
                }
                for (int run = 1; run <= directions.size(); run++) {
                    String direction = directions.get(run - 1);
                    String runName = variant.label() + "-" + run + "-" + direction;
                    TcpResult result = measure(net, scenario, variant, direction, runName, started, runSeconds,
                            omitSeconds, log);
                    results.add(result.withDirection(directionLabel(directions, run - 1)));
                    if (keepFiles && started && !variant.isWireguard()) {
                        Files.writeString(net.world().dir().resolve("status-" + runName + ".txt"), net.status());
                    }
                }
                net.stop();
            }
            if (keepFiles || failed || results.stream().anyMatch(r -> Double.isNaN(r.goodputMbit()))) {
                net.keepFiles();
            }
        }
        return withBaseline(results);
    }

    /** One unmeasured flow each way; a failure is only logged (the measured runs will show it). */
    private void warmUp(TwoLinkNet net, TcpScenario scenario, TcpVariant variant, int seconds, PrintWriter log)
            throws InterruptedException {
        for (boolean down : new boolean[] {false, true}) {
            try {
                net.iperf().tcp(net.clientNs(), seconds, 0, down, congestionControl);
            } catch (IOException | RuntimeException | AssertionError e) {
                log.println("[tcp] " + scenario.name() + " " + variant.label() + " warm-up " + (down ? "down" : "up")
                        + ": " + TunnelVsWireguardBench.firstLines(e.getMessage()));
            }
        }
    }

    private TcpResult measure(TwoLinkNet net, TcpScenario scenario, TcpVariant variant, String direction,
            String runName, boolean started, int runSeconds, int omitSeconds, PrintWriter log) throws InterruptedException {
        double mbit = Double.NaN;
        long retransmits = 0;
        // One retry: a run can fail for reasons outside the tunnel (e.g. iperf3's control connection
        // reset after the previous test); a second failure is reported as an empty cell.
        for (int attempt = 1; started && attempt <= 2 && Double.isNaN(mbit); attempt++) {
            try (StatusTrace trace = keepFiles && !variant.isWireguard()
                    ? net.traceStatus("status-trace-" + runName + "-attempt" + attempt + ".txt") : null) {
                Iperf.Report report = net.iperf().tcp(net.clientNs(), runSeconds, omitSeconds, direction.equals("down"),
                        congestionControl);
                mbit = report.receiverBitsPerSecond() / 1e6;
                retransmits = report.retransmits();
            } catch (IOException | RuntimeException | AssertionError e) {
                log.println("[tcp] " + scenario.name() + " " + variant.label() + " " + direction + " attempt " + attempt
                        + ": " + TunnelVsWireguardBench.firstLines(e.getMessage()));
            }
        }
        log.printf("[tcp] %-20s %-4s %-24s %8.2f Mbit/s (%.0f%% of sum)%n", scenario.name(), direction, variant.label(),
                mbit, 100 * mbit / scenario.sumMbit());
        log.flush();
        return new TcpResult(scenario, direction, variant, mbit, retransmits, Double.NaN);
    }

    /**
     * "up", "down"; a direction's second and later runs in one session are "up#2", ... so that
     * each row is compared with the single link's run of the same place (a session's first flow
     * starts with every link's window at its initial value, later ones find them open).
     */
    static String directionLabel(List<String> directions, int index) {
        String direction = directions.get(index);
        long earlier = directions.subList(0, index).stream().filter(direction::equals).count();
        return earlier == 0 ? direction : direction + "#" + (earlier + 1);
    }

    /** Fills in the single link's goodput of the same direction as every row's baseline. */
    static List<TcpResult> withBaseline(List<TcpResult> results) {
        List<TcpResult> filled = new ArrayList<>();
        for (TcpResult r : results) {
            double single = results.stream()
                    .filter(b -> b.variant().isSingle() && b.direction().equals(r.direction()))
                    .mapToDouble(TcpResult::goodputMbit).findFirst().orElse(Double.NaN);
            filled.add(r.withBestSingle(single));
        }
        return filled;
    }

    private String commandLine() {
        return CommandLines.of(spec);
    }

    /** Stand-alone entry point: {@code java -cp 'dist/target/braid/lib/*' dev.braid.testbed.bench.netns.TcpBench --out DIR}. */
    public static void main(String[] args) {
        System.exit(new CommandLine(new TcpBench()).execute(args));
    }
}
