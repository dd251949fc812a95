package dev.braid.testbed.bench.paper;

import dev.braid.core.time.SystemClock;
import dev.braid.testbed.link.LinkSpecParser;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * {@code bench paper}: the paper's figures 4-9 (section IV), in virtual time by default or in real
 * time through the real data path with {@code --realtime}. Writes one CSV and one PNG per figure,
 * {@code paper.csv} and {@code paper.md} into {@code --out}; a progress bar on stderr.
 */
@Command(name = "paper", mixinStandardHelpOptions = true,
        description = {"Reproduces the paper's figures 4-9: bandwidth ratios (fig. 4), RTT 10 ms : 10..100 ms "
                + "(fig. 5), in-order throughput over time at 8:2 (fig. 6), 10 ms:100 ms (fig. 7), both (fig. 8), "
                + "and the real-world WLAN ~4 Mbit/s / 25 ms + HSDPA ~2.5 Mbit/s / 60 ms case with variable "
                + "capacity from synthetic traces (fig. 9).",
                "Figs. 4-8 scale with each --sums value (the paper: 10 Mbit/s, a stream of the sum offered); "
                        + "fig. 9 runs once, at its own rates, 10 Mbit/s offered.",
                "Virtual time by default (seconds of wall time); --realtime runs every case through the real data "
                        + "path (proxy, client, link emulators on loopback) and reports the CPU use."})
public final class PaperBench implements Callable<Integer> {
    static final String DEFAULT_VIRTUAL_DURATION = "60s";
    static final String DEFAULT_REALTIME_DURATION = "20s";

    @Spec
    CommandSpec spec;

    @Option(names = "--out", required = true, paramLabel = "DIR", description = "Output directory (created).")
    Path out;

    @Option(names = "--realtime", description = "Run through the real data path on loopback in real time "
            + "(about duration + 2.5 s of wall time per run; 22 runs at one sum, about 10 min by default).")
    boolean realtime;

    @Option(names = "--duration", paramLabel = "DURATION", description = "Per run: virtual time (default "
            + DEFAULT_VIRTUAL_DURATION + ", as the paper's one-minute runs) or, with --realtime, wall time "
            + "(default " + DEFAULT_REALTIME_DURATION + "). Fig. 9 runs at least one loop of its traces (60 s).")
    String duration;

    @Option(names = "--seed", defaultValue = "1", description = "Seed of the virtual-time runs. Default: ${DEFAULT-VALUE}.")
    long seed;

    @Option(names = "--sums", split = ",", defaultValue = "10", paramLabel = "MBIT",
            description = "Sums of the link rates for figs. 4-8, e.g. 10,100,1000. Default: ${DEFAULT-VALUE}.")
    List<Long> sums;

    @Option(names = "--figures", split = ",", defaultValue = "4,5,6,7,8,9", paramLabel = "N",
            description = "Figures to reproduce. Default: ${DEFAULT-VALUE}.")
    List<Integer> figures;

    @Override
    public Integer call() throws Exception {
        if (System.getProperty("java.awt.headless") == null) {
            System.setProperty("java.awt.headless", "true"); // plots only, no display
        }
        long durationNanos = parseDuration();
        for (int n : figures) {
            if (n < 4 || n > 9) {
                throw new ParameterException(spec.commandLine(), "--figures: no figure " + n + " (4..9)");
            }
        }
        if (sums.isEmpty() || sums.stream().anyMatch(s -> s <= 0)) {
            throw new ParameterException(spec.commandLine(), "--sums: positive Mbit/s values");
        }
        PaperEngine engine = realtime ? new RealtimeEngine(durationNanos) : new VirtualEngine(durationNanos, seed);

        List<List<PaperFigure>> perSum = new ArrayList<>();
        int total = 0;
        double totalWeight = 0;
        for (int i = 0; i < sums.size(); i++) {
            List<PaperFigure> figs = PaperFigures.of(sums.get(i), figures, i == 0);
            perSum.add(figs);
            for (PaperCase c : PaperFigures.runs(figs)) {
                total++;
                totalWeight += weight(engine, c);
            }
        }

        PrintWriter err = spec.commandLine().getErr();
        List<PaperResults> all = new ArrayList<>();
        long wallStart = SystemClock.INSTANCE.nanos();
        try (ProgressBar bar = new ProgressBar(err, total, totalWeight, realtime)) {
            for (int i = 0; i < sums.size(); i++) {
                Map<PaperCase, Measurement> measured = new LinkedHashMap<>();
                for (PaperCase c : PaperFigures.runs(perSum.get(i))) {
                    bar.starting(c.key() + (c.key().startsWith("WLAN") ? "" : " @ " + sums.get(i) + " Mbit/s"),
                            weight(engine, c), engine.expectedWallSeconds(c));
                    measured.put(c, engine.run(c));
                    bar.finished();
                }
                all.add(new PaperResults(sums.get(i), perSum.get(i), measured));
            }
        }
        double wallSeconds = (SystemClock.INSTANCE.nanos() - wallStart) / 1e9;

        Files.createDirectories(out);
        List<Path> written = new ArrayList<>();
        for (PaperResults results : all) {
            for (PaperFigure fig : results.figures()) {
                written.add(PaperReport.writeFigureCsv(out, fig, results));
                written.add(PaperCharts.write(out, fig, results, realtime ? "real time" : "virtual"));
            }
        }
        written.add(PaperReport.writeSummaryCsv(out, all));
        String settings = String.format(Locale.ROOT, "%s; sums %s Mbit/s; the paper's stream (the sum of the link "
                        + "rates, 10 Mbit/s in fig. 9) offered as CBR of 1400-byte packets; drop-tail queue max(RTT, "
                        + "50 ms) per link; scheduler most-free-window. Total wall time %.1f s. Command: `%s`.",
                engine.describe(), sums, wallSeconds, commandLine(durationNanos));
        written.add(PaperReport.writeMarkdown(out, all, settings, realtime));
        PrintWriter stdout = spec.commandLine().getOut();
        stdout.println("wrote " + written.size() + " files to " + out + ": " + out.resolve(PaperReport.MARKDOWN));
        stdout.flush();
        return 0;
    }

    /** A run's share of the progress bar: its expected wall time, or 1 when that is unknown. */
    private static double weight(PaperEngine engine, PaperCase c) {
        double expected = engine.expectedWallSeconds(c);
        return expected > 0 ? expected : 1;
    }

    private String commandLine(long durationNanos) {
        StringBuilder sb = new StringBuilder("./braid bench paper --out ").append(out);
        if (realtime) {
            sb.append(" --realtime");
        }
        sb.append(String.format(Locale.ROOT, " --duration %ss", PaperCase.trim(durationNanos / 1e9)));
        if (!realtime) {
            sb.append(" --seed ").append(seed);
        }
        sb.append(" --sums ").append(String.join(",", sums.stream().map(String::valueOf).toList()));
        sb.append(" --figures ").append(String.join(",", figures.stream().map(String::valueOf).toList()));
        return sb.toString();
    }

    private long parseDuration() {
        String text = duration != null ? duration : realtime ? DEFAULT_REALTIME_DURATION : DEFAULT_VIRTUAL_DURATION;
        long nanos;
        try {
            nanos = LinkSpecParser.parseDuration(text);
        } catch (IllegalArgumentException e) {
            throw new ParameterException(spec.commandLine(), "--duration: " + e.getMessage());
        }
        if (nanos < 1_000_000_000L) {
            throw new ParameterException(spec.commandLine(), "--duration: at least 1s, got " + text);
        }
        return nanos;
    }
}
