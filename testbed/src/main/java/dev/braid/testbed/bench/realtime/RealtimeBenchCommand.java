package dev.braid.testbed.bench.realtime;

import dev.braid.testbed.bench.BenchPreflight;
import dev.braid.testbed.bench.netns.CommandLines;
import dev.braid.testbed.bench.netns.TcpVariant;
import dev.braid.testbed.bench.netns.TunnelRunOptions;
import dev.braid.testbed.netns.Netns;
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
 * {@code bench realtime}: issue 15's benchmark, the one-way delay of a VoIP-like flow through Braid
 * over a fast and a slow link, idle, beside a bulk TCP flow, with 2 % loss and across a cut of the
 * fast link, each way, against plain IP over the fast link alone ({@link RealtimeBench}).
 */
@Command(name = "realtime", mixinStandardHelpOptions = true,
        description = {"One-way delay of a VoIP-like flow (160 B every 20 ms) through Braid over 8 Mbit/s 5 ms + 2 Mbit/s "
                + "50 ms links (tbf, 50 ms queues): idle, beside one bulk TCP flow, with 2 %% loss, across a cut; vs plain IP.",
                "Needs root, iproute2 (ip, tc, ss), iperf3, ping. Writes DIR/realtime.csv, realtime-samples.csv, "
                        + "realtime.md, charts/*.png. Defaults (3 runs of 20 s): about 27 minutes."})
public final class RealtimeBenchCommand implements Callable<Integer> {
    static final int MAX_RUNS = 20;
    static final int MAX_SECONDS = 300;

    @Spec
    CommandSpec spec;

    @Option(names = "--out", required = true, paramLabel = "DIR", description = "Where the CSVs, realtime.md and charts/ go.")
    Path out;

    @Option(names = "--runs", paramLabel = "N", defaultValue = "3",
            description = "Repetitions, interleaving the variants (min / median / max; targets by the worst). Default: ${DEFAULT-VALUE}.")
    int runs;

    @Option(names = "--seconds", paramLabel = "N", defaultValue = "20",
            description = "Length of each probe. Default: ${DEFAULT-VALUE}.")
    int seconds;

    @Option(names = "--variants", split = ",", paramLabel = "V",
            description = "direct (plain IP over the fast link, the reference), single, wireguard and/or "
                    + "SCHEDULER/queue|drop[+KEY=VALUE...] as for bench tcp. Default: direct,proportional/queue (the "
                    + "shipped config/client.yaml and proxy.yaml: proportional, align-delay, queue).")
    List<String> variants = new ArrayList<>(List.of("direct", "proportional/queue"));

    @Option(names = "--scenarios", split = ",", paramLabel = "S",
            description = "idle, bulk, loss-2 and/or cut. Default: all.")
    List<String> scenarios = new ArrayList<>(RealtimeScenario.labels());

    @Option(names = "--encryption", defaultValue = "aes-256-gcm",
            description = "Tunnel encryption (the shipped client's). Default: ${DEFAULT-VALUE}.")
    String encryption;

    @Mixin
    TunnelRunOptions run;

    @Override
    public Integer call() throws Exception {
        if (!BenchPreflight.ready(spec, "bench realtime needs root: it builds network namespaces, kernel tbf "
                + "bottlenecks and TUN devices (the loopback mode without root is not written yet).", this::problems)) {
            return 2;
        }
        RealtimeBench.Settings settings = new RealtimeBench.Settings(
                scenarios.stream().map(RealtimeScenario::parse).distinct().sorted().toList(),
                variants.stream().map(TcpVariant::parse).toList(), run.directions, runs, seconds, run.warmup, encryption,
                run.multilinkOptions, run.keepFiles, out, CommandLines.of(spec));
        return new RealtimeBench(settings, spec.commandLine().getOut()).run() ? 0 : 1;
    }

    /** Every problem with the options, reported together. */
    List<String> problems() {
        List<String> problems = new ArrayList<>();
        if (runs < 1 || runs > MAX_RUNS) {
            problems.add("--runs takes 1 to " + MAX_RUNS + ", got " + runs);
        }
        if (seconds < 2 || seconds > MAX_SECONDS) {
            problems.add("--seconds takes 2 to " + MAX_SECONDS + ", got " + seconds);
        }
        problems.addAll(run.problems());
        for (String s : scenarios) {
            try {
                RealtimeScenario.parse(s);
            } catch (IllegalArgumentException e) {
                problems.add("--scenarios: " + e.getMessage());
            }
        }
        for (String v : variants) {
            try {
                TcpVariant.parse(v);
            } catch (IllegalArgumentException e) {
                problems.add("--variants: " + e.getMessage());
            }
        }
        List<String> tools = new ArrayList<>(List.of("ip", "tc", "iperf3", "ss", "ping"));
        if (variants.stream().anyMatch(v -> v.trim().toLowerCase(Locale.ROOT).equals("wireguard"))) {
            tools.addAll(List.of("wireguard-go", "wg"));
        }
        tools.stream().filter(t -> !Netns.hasTool(t)).forEach(t -> problems.add("bench realtime needs " + t + " on the PATH"));
        return problems;
    }

    public static void main(String[] args) {
        System.exit(new CommandLine(new RealtimeBenchCommand()).execute(args));
    }
}
