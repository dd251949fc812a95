package dev.braid.testbed.bench;

import dev.braid.multilink.protocol.CongestionControls;
import dev.braid.multilink.protocol.MultilinkSettings;
import dev.braid.multilink.protocol.Schedulers;
import dev.braid.testbed.link.LinkSpecParser;
import dev.braid.testbed.scenario.LinkProfile;
import dev.braid.testbed.scenario.Scenario;
import dev.braid.testbed.scenario.ScenarioResult;
import dev.braid.testbed.scenario.ScenarioRunner;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * {@code bench aggregation}: the paper's bandwidth-aggregation evaluation (section IV-A) in virtual
 * time, for every scheduler and several sums of link rates. Writes {@code aggregation.csv},
 * {@code aggregation.md} and PNG plots into {@code --out}; progress goes to stderr.
 */
@Command(name = "aggregation", mixinStandardHelpOptions = true,
        description = {"Bandwidth aggregation in virtual time: ratios 10:0 5:5 6:4 8:2 (RTT 0.5 ms), "
                + "RTT 10ms:10..100ms (2 x sum/2), and 8:2 with 10ms:100ms, for each sum and scheduler.",
                "'Delay' is the round-trip time, as in the paper; each direction gets half.",
                "Offered load 1.2 x the sum, 1400-byte packets; queue max(RTT, 50 ms) per link."})
public final class AggregationBench implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Option(names = "--out", required = true, paramLabel = "DIR", description = "Output directory (created).")
    Path out;

    @Option(names = "--duration", defaultValue = "60s", paramLabel = "DURATION",
            description = "Virtual time per run for sums below 1 Gbit/s. Default: ${DEFAULT-VALUE}.")
    String duration;

    @Option(names = "--gbit-duration", paramLabel = "DURATION",
            description = "Virtual time per run for sums of 1 Gbit/s and more (default: --duration / 10).")
    String gbitDuration;

    @Option(names = "--warmup", defaultValue = "0s", paramLabel = "DURATION",
            description = "Leave this much of each run out of the averages. Default: ${DEFAULT-VALUE}.")
    String warmup;

    @Option(names = "--seed", defaultValue = "1", description = "Seed of every run. Default: ${DEFAULT-VALUE}.")
    long seed;

    @Option(names = "--sums", split = ",", defaultValue = "10,100,1000", paramLabel = "MBIT",
            description = "Sums of the link rates in Mbit/s. Default: ${DEFAULT-VALUE}.")
    List<Long> sums;

    @Option(names = "--schedulers", split = ",", paramLabel = "NAME",
            description = "Schedulers to compare (default: all).")
    List<String> schedulers;

    @Option(names = "--congestion-control", paramLabel = "NAME",
            description = "Per-link congestion control of every run, e.g. bbr (default: the engine's, ccid2 as in the paper).")
    String congestionControl;

    @Override
    public Integer call() throws Exception {
        if (System.getProperty("java.awt.headless") == null) {
            System.setProperty("java.awt.headless", "true"); // plots only, no display
        }
        long durationNanos = parse(duration, "--duration");
        long gbitNanos = gbitDuration == null ? durationNanos / 10 : parse(gbitDuration, "--gbit-duration");
        long warmupNanos = parse(warmup, "--warmup");
        List<String> names = schedulers == null ? new ArrayList<>(Schedulers.names()) : schedulers;
        MultilinkSettings defaults = congestionControl == null ? MultilinkSettings.defaults()
                : MultilinkSettings.defaults().toBuilder().congestionControl(congestionControl).build();
        if (!CongestionControls.names().contains(defaults.congestionControl())) {
            throw new ParameterException(spec.commandLine(), "--congestion-control: unknown '" + congestionControl
                    + "' (known: " + String.join(", ", CongestionControls.names()) + ")");
        }
        for (String name : names) {
            Schedulers.create(name, defaults); // fail before running anything
        }
        String defaultScheduler = defaults.scheduler();
        PrintWriter err = spec.commandLine().getErr();

        List<List<BenchCase>> perSum = new ArrayList<>();
        int total = 0;
        for (long sum : sums) {
            long d = sum >= 1000 ? gbitNanos : durationNanos;
            if (d <= warmupNanos) {
                throw new ParameterException(spec.commandLine(), "--warmup must be shorter than the run ("
                        + d / 1e9 + " s at " + sum + " Mbit/s)");
            }
            Scenario.Builder template = Scenario.builder("template", List.of(LinkProfile.of(1, 1))).settings(defaults)
                    .durationNanos(d).warmupNanos(warmupNanos).seed(seed);
            List<BenchCase> cases = AggregationMatrix.cases(sum, template);
            perSum.add(cases);
            total += cases.size() * (names.size() + 1);
        }

        List<BenchRun> runs = new ArrayList<>();
        int done = 0;
        long wallTotal = 0;
        for (List<BenchCase> cases : perSum) {
            for (BenchCase c : cases) {
                ScenarioResult baseline = ScenarioRunner.run(c.scenario().singleLinkBaseline());
                progress(err, ++done, total, c, AggregationReport.BASELINE, baseline);
                wallTotal += baseline.wallNanos();
                for (String name : names) {
                    ScenarioResult r = ScenarioRunner.run(c.scenario().withScheduler(name));
                    progress(err, ++done, total, c, name, r);
                    wallTotal += r.wallNanos();
                    runs.add(new BenchRun(c, name, r, baseline));
                }
            }
        }

        Files.createDirectories(out);
        AggregationReport.writeCsv(out.resolve("aggregation.csv"), runs);
        String settings = String.format(Locale.ROOT, "Virtual time: %.1f s per run (%.1f s at >= 1 Gbit/s), "
                        + "warm-up %.1f s excluded, seed %d; offered load 1.2 x the sum of the link rates in 1400-byte "
                        + "packets (+40 B per packet on the links); drop-tail queue max(RTT, 50 ms) per link; "
                        + "acks over an unlimited reverse link with the same delay; congestion control %s. "
                        + "Total wall time %.1f s.",
                durationNanos / 1e9, gbitNanos / 1e9, warmupNanos / 1e9, seed, defaults.congestionControl(),
                wallTotal / 1e9);
        AggregationReport.writeMarkdown(out.resolve("aggregation.md"), runs, defaultScheduler, settings);
        writeCharts(runs, names.contains(defaultScheduler) ? defaultScheduler : names.get(0));
        spec.commandLine().getOut().println("wrote " + out.resolve("aggregation.csv") + ", aggregation.md and plots");
        spec.commandLine().getOut().flush();
        return 0;
    }

    private void writeCharts(List<BenchRun> runs, String scheduler) throws Exception {
        BenchRun series82 = null;
        BenchRun series10100 = null;
        BenchRun seriesCombined = null;
        for (long sum : sums) {
            List<BenchRun> bandwidth = new ArrayList<>();
            List<BenchRun> delay = new ArrayList<>();
            for (BenchRun run : runs) {
                if (run.benchCase().sumMbit() != sum || !run.scheduler().equals(scheduler)) {
                    continue;
                }
                (run.benchCase().matrix().equals("bandwidth") ? bandwidth : delay).add(run);
                if (series82 == null && run.benchCase().label().equals("8:2")) {
                    series82 = run;
                }
                if (series10100 == null && run.benchCase().label().equals("10ms:100ms")) {
                    series10100 = run;
                }
                if (seriesCombined == null && run.benchCase().matrix().equals("combined")) {
                    seriesCombined = run;
                }
            }
            List<Double> fastestAlone = new ArrayList<>();
            for (BenchRun run : bandwidth) {
                fastestAlone.add(ScenarioRunner.run(run.benchCase().scenario().fastestLinkOnly()).aggregateMbit());
            }
            AggregationCharts.bars(out.resolve("aggregation-bandwidth-" + sum + "mbit.png"),
                    "Bandwidth heterogeneity, sum " + sum + " Mbit/s, RTT 0.5 ms (" + scheduler + ")", bandwidth,
                    fastestAlone);
            AggregationCharts.bars(out.resolve("aggregation-delay-" + sum + "mbit.png"),
                    "RTT heterogeneity (2 links of sum/2) and combined 8:2 10ms:100ms, sum " + sum
                            + " Mbit/s (" + scheduler + ")", delay, null);
        }
        timeSeries("inorder-8-2.png", series82);
        timeSeries("inorder-10ms-100ms.png", series10100);
        timeSeries("inorder-combined.png", seriesCombined);
    }

    private void timeSeries(String file, BenchRun run) throws Exception {
        if (run != null) {
            AggregationCharts.timeSeries(out.resolve(file), String.format(Locale.ROOT, "%s, %s (%s)",
                    run.benchCase().label(), run.benchCase().sumMbit() + " Mbit/s", run.scheduler()), run.result());
        }
    }

    private static void progress(PrintWriter err, int done, int total, BenchCase c, String scheduler, ScenarioResult r) {
        err.printf(Locale.ROOT, "[%d/%d] %d Mbit/s %-9s %-15s %-16s aggregate %8.3f in-order %8.3f Mbit/s, "
                        + "hold p99 %6.1f ms, wall %d ms%n", done, total, c.sumMbit(), c.matrix(), c.label(), scheduler,
                r.aggregateMbit(), r.inOrderMbit(), r.holdP99Nanos() / 1e6, r.wallNanos() / 1_000_000);
        err.flush();
    }

    private long parse(String text, String option) {
        try {
            return LinkSpecParser.parseDuration(text);
        } catch (IllegalArgumentException e) {
            throw new ParameterException(spec.commandLine(), option + ": " + e.getMessage());
        }
    }
}
