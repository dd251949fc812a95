package dev.braid.testbed.bench.netns;

import dev.braid.testbed.netns.Braid;
import dev.braid.testbed.netns.Iperf;
import dev.braid.testbed.netns.Netns;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code bench cpu}: what the tunnel costs. Two links shaped to half of each rate (tbf) with a
 * small delay (linkem), Braid's client and proxy as separate processes, iperf3 TCP and UDP each
 * way, and the exact CPU time of every thread of both ends from {@code /proc/PID/task/TID/schedstat}
 * over each measured window; then the tunnel idle, keepalives only. The reference (wireguard-go
 * over one link, as Debian packages it) runs in the same world and the same run.
 *
 * <ol>
 *   <li>per rate: build the world (namespaces, tbf, relays);</li>
 *   <li>per variant: start its tunnel, measure it idle, warm it up, then per run every mode and
 *       direction: sample both ends, run iperf3, sample again;</li>
 *   <li>write {@code cpu.csv} and {@code cpu.md} after every variant (partial results survive).</li>
 * </ol>
 */
@Command(name = "cpu", mixinStandardHelpOptions = true,
        description = {"CPU per delivered Mbit/s and per packet of Braid's client + proxy (exact per-thread scheduler time),"
                + " TCP and UDP over two shaped links, and idle, side by side with wireguard-go in the same run.",
                "Needs root, iproute2 (ip, tc), iperf3; wireguard-go and wg for the reference."})
public final class CpuBench implements Callable<Integer> {
    private static final int UDP_PAYLOAD_BYTES = Integer.parseInt(IperfClient.UDP_LENGTH);

    @Spec
    CommandSpec spec;

    @Option(names = "--out", required = true, paramLabel = "DIR", description = "Where cpu.csv and cpu.md go.")
    Path out;

    @Option(names = "--rates", split = ",", paramLabel = "MBIT", defaultValue = "10,100",
            description = "Sum of the two links' rates, each link half of it. Default: ${DEFAULT-VALUE}.")
    List<Double> rates;

    @Option(names = "--delay", paramLabel = "MS", defaultValue = "5",
            description = "One-way delay of each link (linkem, both ways). Default: ${DEFAULT-VALUE}.")
    int delayMs;

    @Option(names = "--variants", split = ",", paramLabel = "V", defaultValue = "proportional/queue,wireguard",
            description = "SCHEDULER/queue|drop[+KEY=VALUE...] (Braid over both links), single, wireguard. "
                    + "Default: ${DEFAULT-VALUE}.")
    List<String> variants;

    @Option(names = "--modes", split = ",", paramLabel = "M", defaultValue = "tcp,udp",
            description = "tcp and/or udp (UDP offered at 90 %% of what the variant's links carry). Default: ${DEFAULT-VALUE}.")
    List<String> modes;

    @Option(names = "--directions", split = ",", paramLabel = "D", defaultValue = "up,down",
            description = "up (client to server) and/or down. Default: ${DEFAULT-VALUE}.")
    List<String> directions;

    @Option(names = "--runs", paramLabel = "N", defaultValue = "3", description = "Runs of every mode and direction. Default: ${DEFAULT-VALUE}.")
    int runs;

    @Option(names = "--seconds", paramLabel = "N", defaultValue = "15", description = "Length of each measured flow. Default: ${DEFAULT-VALUE}.")
    int seconds;

    @Option(names = "--warmup", paramLabel = "N", defaultValue = "5",
            description = "Seconds of unmeasured TCP each way after each tunnel starts (the JIT's work). Default: ${DEFAULT-VALUE}.")
    int warmup;

    @Option(names = "--idle-seconds", paramLabel = "N", defaultValue = "60",
            description = "Length of the idle window (0: none), measured in windows of 10 s. Default: ${DEFAULT-VALUE}.")
    int idleSeconds;

    @Option(names = "--jvm", paramLabel = "NAME=OPTIONS",
            description = "JVM options of Braid's client and proxy, named; repeat to compare several in one run "
                    + "(each Braid variant runs once per set, labelled VARIANT@NAME). Default: testbed="
                    + Braid.DEFAULT_JAVA_OPTIONS + ".")
    List<String> jvms = new ArrayList<>();

    @Option(names = "--encryption", defaultValue = "aes-256-gcm",
            description = "Braid's suite (the client's default; wireguard-go always uses ChaCha20-Poly1305). Default: ${DEFAULT-VALUE}.")
    String encryption;

    @Override
    public Integer call() throws Exception {
        PrintWriter log = spec.commandLine().getOut();
        List<String> problems = problems();
        if (!problems.isEmpty()) {
            problems.forEach(spec.commandLine().getErr()::println);
            return 2;
        }
        List<TcpVariant> parsed = variants.stream().map(TcpVariant::parse).toList();
        String reference = parsed.stream().anyMatch(TcpVariant::isWireguard) ? "wireguard" : parsed.get(0).label();
        String runsText = String.format(Locale.ROOT, "Each case: %d runs of %d s per mode and direction after %d s of "
                + "TCP each way to warm up; links %d ms one-way each; Braid encryption %s; load average at the start %s.",
                runs, seconds, warmup, delayMs, encryption, loadAverage());
        List<CpuResult> results = new ArrayList<>();
        boolean failed = false;
        for (double rate : rates) {
            TcpScenario scenario = new TcpScenario(rate / 2, rate / 2, delayMs, delayMs);
            try (TwoLinkNet net = TwoLinkNet.build(scenario, encryption, List.of())) {
                for (TcpVariant variant : parsed) {
                    for (Map.Entry<String, String> jvm : variant.isWireguard() ? Map.of("", "").entrySet() : jvmSets().entrySet()) {
                        String name = label(variant) + (jvm.getKey().isEmpty() || jvms.size() < 2 ? "" : "@" + jvm.getKey());
                        System.setProperty(Braid.JAVA_OPTIONS_PROPERTY, jvm.getValue().isEmpty() ? Braid.DEFAULT_JAVA_OPTIONS : jvm.getValue());
                        try {
                            results.addAll(measureVariant(net, scenario, variant, name, log));
                        } catch (IOException | RuntimeException | AssertionError e) {
                            log.println("[cpu] " + scenario.name() + " " + name + ": " + TunnelVsWireguardBench.firstLines(e.getMessage()));
                            failed = true;
                            net.keepFiles();
                        } finally {
                            net.stop();
                            System.clearProperty(Braid.JAVA_OPTIONS_PROPERTY);
                        }
                        CpuReport.write(out, results, CommandLines.of(spec), runsText, reference);
                    }
                }
            }
        }
        log.println(CpuReport.markdown(results, CommandLines.of(spec), runsText, reference));
        log.println("wrote " + out.resolve("cpu.csv") + " and " + out.resolve("cpu.md"));
        log.flush();
        return failed ? 1 : 0;
    }

    private List<String> problems() {
        List<String> problems = new ArrayList<>();
        if (!Netns.isRoot()) {
            problems.add("bench cpu needs root (network namespaces, tc, TUN devices)");
        }
        List<String> tools = new ArrayList<>(List.of("ip", "tc", "iperf3", "ss", "ping"));
        if (variants.stream().anyMatch(v -> v.trim().equalsIgnoreCase("wireguard"))) {
            tools.addAll(List.of("wireguard-go", "wg"));
        }
        tools.stream().filter(t -> !Netns.hasTool(t)).forEach(t -> problems.add("bench cpu needs " + t + " on the PATH"));
        if (!modes.stream().allMatch(m -> m.equals("tcp") || m.equals("udp"))) {
            problems.add("--modes takes tcp and udp, got " + modes);
        }
        if (!directions.stream().allMatch(d -> d.equals("up") || d.equals("down"))) {
            problems.add("--directions takes up and down, got " + directions);
        }
        if (rates.stream().anyMatch(r -> r <= 0 || r > 2000)) {
            problems.add("--rates takes Mbit/s above 0 and up to 2000, got " + rates);
        }
        if (runs < 1 || seconds < 1 || warmup < 0 || idleSeconds < 0) {
            problems.add("--runs and --seconds take 1 or more, --warmup and --idle-seconds 0 or more");
        }
        if (jvms.stream().anyMatch(j -> j.indexOf('=') < 1)) {
            problems.add("--jvm takes NAME=OPTIONS, got " + jvms);
        }
        try {
            variants.forEach(TcpVariant::parse);
        } catch (IllegalArgumentException e) {
            problems.add(e.getMessage());
        }
        return problems;
    }

    /** The --jvm sets by name, in the order given; the testbed's options when none was given. */
    private Map<String, String> jvmSets() {
        Map<String, String> sets = new LinkedHashMap<>();
        for (String jvm : jvms.isEmpty() ? List.of("testbed=" + Braid.DEFAULT_JAVA_OPTIONS) : jvms) {
            int eq = jvm.indexOf('=');
            sets.put(jvm.substring(0, eq), jvm.substring(eq + 1));
        }
        return sets;
    }

    private static String label(TcpVariant variant) {
        return variant.isMultilink() ? variant.schedulerLabel() + "-" + variant.whenNoRoom() : variant.label();
    }

    private List<CpuResult> measureVariant(TwoLinkNet net, TcpScenario scenario, TcpVariant variant, String name,
                                           PrintWriter log) throws IOException, InterruptedException {
        List<CpuResult> results = new ArrayList<>();
        net.start(variant, true);
        Map<String, Process> ends = net.tunnelProcesses();
        long client = ends.get("client").pid();
        long proxy = ends.get("proxy").pid();
        for (int window = 1; window <= idleSeconds / 10; window++) {
            results.add(window(name, scenario, "idle", "-", window, client, proxy, 10, () -> Double.NaN, log));
        }
        for (boolean down : new boolean[] {false, true}) {
            if (warmup > 0) {
                net.iperf().tcp(net.clientNs(), warmup, 0, down, null);
            }
        }
        double carried = variant.isMultilink() ? scenario.sumMbit() : Math.max(scenario.rateAMbit(), scenario.rateBMbit());
        String udpRate = String.format(Locale.ROOT, "%.0fK", carried * 0.9 * 1000);
        for (int run = 1; run <= runs; run++) {
            for (String mode : modes) {
                for (String direction : directions) {
                    boolean reverse = direction.equals("down");
                    Iperf.Report[] report = new Iperf.Report[1];
                    results.add(window(name, scenario, mode, direction, run, client, proxy, seconds, () -> {
                        report[0] = mode.equals("tcp") ? net.iperf().tcp(net.clientNs(), seconds, 0, reverse, null)
                                : net.iperf().udp(net.clientNs(), seconds, udpRate, reverse);
                        return report[0].receiverBitsPerSecond();
                    }, log));
                }
            }
        }
        return results;
    }

    /** What the tunnel delivers during one window, in bits per second (NaN when idle). */
    private interface Traffic {
        double run() throws IOException, InterruptedException;
    }

    private CpuResult window(String variant, TcpScenario scenario, String mode, String direction, int run, long clientPid,
                             long proxyPid, int windowSeconds, Traffic traffic, PrintWriter log)
            throws IOException, InterruptedException {
        ProcessUsage client0 = ProcessUsage.of(clientPid);
        ProcessUsage proxy0 = ProcessUsage.of(proxyPid);
        long t0 = System.nanoTime();
        double bits = traffic.run();
        if (mode.equals("idle")) {
            Thread.sleep(windowSeconds * 1000L); // the window itself: nothing to wait for but time
        }
        long wall = System.nanoTime() - t0;
        ProcessUsage client1 = ProcessUsage.of(clientPid);
        ProcessUsage proxy1 = ProcessUsage.of(proxyPid);
        double mbit = bits / 1e6;
        double pps = mode.equals("udp") ? bits / 8 / UDP_PAYLOAD_BYTES : Double.NaN;
        CpuResult r = new CpuResult(variant, scenario.sumMbit(), mode, direction, run, mbit, pps,
                client1.coresSince(client0, wall), proxy1.coresSince(proxy0, wall), client1, proxy1);
        log.printf(Locale.ROOT, "[cpu] %-6s %-22s %-4s %-4s run %d: %7.2f Mbit/s, client %.3f + proxy %.3f cores%s%n",
                TcpScenario.fmt(scenario.sumMbit()), variant, mode, direction, run, mbit, r.clientCores(), r.proxyCores(),
                mode.equals("idle") ? "" : String.format(Locale.ROOT, ", %.2f %% core per Mbit/s", r.percentCorePerMbit()));
        log.flush();
        return r;
    }

    private static String loadAverage() {
        try {
            return Files.readString(Path.of("/proc/loadavg")).trim();
        } catch (IOException e) {
            return "unknown";
        }
    }

    /** Stand-alone entry point: {@code java -cp 'dist/target/braid/lib/*' dev.braid.testbed.bench.netns.CpuBench --out DIR}. */
    public static void main(String[] args) {
        System.exit(new CommandLine(new CpuBench()).execute(args));
    }
}
