package dev.braid.testbed.bench.paper;

import dev.braid.testbed.link.CapacityTrace;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * Deterministic, synthetic capacity traces in the mahimahi format for the paper's real-world case
 * (fig. 9). They are NOT measurements: the paper gives only the average rates (WLAN 4 Mbit/s,
 * HSDPA 2.5 Mbit/s), so the capacity is a seeded, bounded random walk around the mean.
 *
 * <p>Generator, per {@value #STEP_MS} ms step k: {@code x(k+1) = clamp(x(k) + U(-step, step) - pull * x(k), -1, 1)}
 * (a random walk pulled back towards 0); the walk's own mean is subtracted so the trace's average is
 * the nominal rate; the rate of step k is {@code mean * (1 + amplitude * x(k))}. The cumulative
 * capacity is cut into 1500-byte delivery opportunities, one line (a millisecond timestamp) each;
 * the last timestamp is the period, after which mahimahi (and {@link CapacityTrace}) loops.
 * {@code main} rewrites the shipped files; a test checks they equal the generator's output.
 */
public final class SyntheticTrace {
    /** Step of the random walk. */
    public static final int STEP_MS = 100;
    /** Loop period of the shipped traces. */
    public static final int PERIOD_MS = 60_000;

    /** The shipped traces: resource name, mean rate, amplitude, walk step, seed. */
    public enum Shipped {
        WLAN("wlan-4mbit-synthetic.trace", 4_000_000, 0.5, 0.12, 0.02, 4001),
        HSDPA("hsdpa-2.5mbit-synthetic.trace", 2_500_000, 0.6, 0.15, 0.02, 2501);

        final String file;
        final long meanBitsPerSecond;
        final double amplitude;
        final double step;
        final double pull;
        final long seed;

        Shipped(String file, long meanBitsPerSecond, double amplitude, double step, double pull, long seed) {
            this.file = file;
            this.meanBitsPerSecond = meanBitsPerSecond;
            this.amplitude = amplitude;
            this.step = step;
            this.pull = pull;
            this.seed = seed;
        }

        public String file() {
            return file;
        }

        /** The generator's output for this trace. */
        public List<String> generate() {
            return SyntheticTrace.generate(meanBitsPerSecond, PERIOD_MS, amplitude, step, pull, seed);
        }

        /** The shipped file from the class path. */
        public CapacityTrace load() {
            String resource = "/traces/" + file;
            try (InputStream in = SyntheticTrace.class.getResourceAsStream(resource)) {
                if (in == null) {
                    throw new IllegalStateException("missing resource " + resource);
                }
                String text = new String(in.readAllBytes(), StandardCharsets.US_ASCII);
                return CapacityTrace.parse(text.lines().toList(), file);
            } catch (IOException e) {
                throw new IllegalStateException("cannot read " + resource, e);
            }
        }
    }

    private SyntheticTrace() {
    }

    /**
     * @param amplitude rate swing: the rate stays in {@code mean * [1 - 2a, 1 + 2a]} (usually within +-a)
     * @param step      largest change of the walk per step
     * @param pull      fraction of the distance to the mean taken back per step
     */
    public static List<String> generate(long meanBitsPerSecond, int periodMs, double amplitude, double step,
                                        double pull, long seed) {
        int steps = periodMs / STEP_MS;
        SplittableRandom random = new SplittableRandom(seed);
        double[] x = new double[steps];
        double walk = 0;
        double sum = 0;
        for (int k = 0; k < steps; k++) {
            walk = Math.max(-1, Math.min(1, walk + (random.nextDouble() * 2 - 1) * step - pull * walk));
            x[k] = walk;
            sum += walk;
        }
        double mean = sum / steps;
        double opportunityBits = CapacityTrace.OPPORTUNITY_BYTES * 8.0;
        long total = Math.round(meanBitsPerSecond * (periodMs / 1000.0) / opportunityBits);
        double[] bitsPerMs = new double[steps];
        double capacity = 0;
        for (int k = 0; k < steps; k++) {
            bitsPerMs[k] = Math.max(0.05, 1 + amplitude * (x[k] - mean)) * meanBitsPerSecond / 1000.0;
            capacity += bitsPerMs[k] * STEP_MS;
        }
        double scale = total * opportunityBits / capacity; // exact average after rounding to opportunities
        List<String> lines = new ArrayList<>();
        double cumulative = 0;
        long emitted = 0;
        for (int ms = 1; ms <= periodMs; ms++) {
            cumulative += bitsPerMs[(ms - 1) / STEP_MS] * scale;
            long due = ms == periodMs ? total : Math.min(total - 1, (long) Math.floor(cumulative / opportunityBits));
            for (; emitted < due; emitted++) {
                lines.add(Integer.toString(ms));
            }
        }
        return lines;
    }

    /** Rewrites the shipped traces into {@code args[0]} (e.g. testbed/src/main/resources/traces). */
    public static void main(String[] args) throws IOException {
        Path dir = Path.of(args.length > 0 ? args[0] : "testbed/src/main/resources/traces");
        Files.createDirectories(dir);
        for (Shipped s : Shipped.values()) {
            Files.write(dir.resolve(s.file), s.generate(), StandardCharsets.US_ASCII);
            System.out.println("wrote " + dir.resolve(s.file));
        }
    }
}
