package dev.braid.benchmarks.forwarding;

import dev.braid.core.crypto.CipherSuite;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;

/**
 * Forwarding cost through the whole tunnel, every requested (data path, cipher suite) pair side
 * by side in one run, so that their ratios hold on a noisy machine:
 *
 * <pre>
 * 1. start a proxy and a client (one loopback link, in-memory TUNs) for the pair
 * 2. generator thread: inject IP packets into the client TUN, at most --in-flight undelivered
 * 3. warm up, then measure delivered packets, wall time and CPU time for --seconds
 * 4. stop, next pair; repeat all pairs --rounds times; write the median round of each as Markdown
 * </pre>
 *
 * {@code java -cp benchmarks/target/benchmarks.jar dev.braid.benchmarks.forwarding.ForwardingBench
 * --out forwarding.md --seconds 5}
 */
public final class ForwardingBench {
    private ForwardingBench() {}

    public static void main(String[] args) throws Exception {
        ForwardingOptions options;
        try {
            options = ForwardingOptions.parse(args);
        } catch (IllegalArgumentException e) {
            System.err.println(e.getMessage());
            System.exit(2);
            return;
        }
        List<ForwardingResult> results = run(options);
        System.out.print(ResultTable.markdown(results));
    }

    /** Runs every pair, writes the table to {@code options.out()} and returns the rows written. */
    public static List<ForwardingResult> run(ForwardingOptions options) throws Exception {
        List<List<ForwardingResult>> byPair = new ArrayList<>();
        for (int round = 0; round < options.rounds(); round++) {
            int pair = 0;
            for (String dataPath : options.dataPaths()) {
                for (CipherSuite suite : options.suites()) {
                    if (round == 0) {
                        byPair.add(new ArrayList<>());
                    }
                    byPair.get(pair++).add(measure(options, dataPath, suite));
                }
            }
        }
        List<ForwardingResult> medians = new ArrayList<>();
        for (List<ForwardingResult> rounds : byPair) {
            rounds.sort(Comparator.comparingDouble(ForwardingResult::packetsPerSecond));
            medians.add(rounds.get(rounds.size() / 2));
        }
        write(options, medians);
        return medians;
    }

    static ForwardingResult measure(ForwardingOptions options, String dataPath, CipherSuite suite) throws Exception {
        try (InProcessTunnel tunnel = InProcessTunnel.start(suite, dataPath, options.inFlight(), options.ackRatio());
             LoadGenerator generator = new LoadGenerator(tunnel, options.size(), options.inFlight())) {
            generator.start();
            Thread.sleep(millis(options.warmupSeconds()));
            LoadGenerator.Snapshot start = generator.snapshot();
            Thread.sleep(millis(options.seconds()));
            LoadGenerator.Snapshot end = generator.snapshot();
            ForwardingResult result = new ForwardingResult(dataPath, suite, options.size(),
                    end.delivered() - start.delivered(), (end.nanos() - start.nanos()) / 1e9,
                    end.processCpuNanos() - start.processCpuNanos(),
                    end.generatorCpuNanos() - start.generatorCpuNanos(), end.stalls(), tunnel.proxyDrops());
            System.err.printf(Locale.ROOT, "%s/%s: %.0f packets/s, %.2f µs CPU per packet%n", dataPath,
                    suite.configName(), result.packetsPerSecond(), result.tunnelCpuMicrosPerPacket());
            return result;
        }
    }

    private static long millis(double seconds) {
        return Math.round(seconds * 1000);
    }

    private static void write(ForwardingOptions options, List<ForwardingResult> results) throws IOException {
        String text = "# Braid forwarding cost\n\n"
                + String.format(Locale.ROOT, "%.1f s measured per pair after %.1f s warm-up, %d round(s) (median shown),"
                        + " %d-byte IP packets, at most %d in flight, multilink ack ratio %s, %d CPUs, Java %s.%n%n",
                        options.seconds(), options.warmupSeconds(), options.rounds(), options.size(),
                        options.inFlight(), options.ackRatio() == 0 ? "default" : options.ackRatio(), Runtime.getRuntime().availableProcessors(),
                        System.getProperty("java.version"))
                + ResultTable.markdown(results);
        Path out = options.out().toAbsolutePath();
        if (out.getParent() != null) {
            Files.createDirectories(out.getParent());
        }
        Files.writeString(out, text, StandardCharsets.UTF_8);
    }
}
