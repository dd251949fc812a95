package dev.braid.testbed.bench.path;

import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Option;

/** The path benchmark's options, shared by {@code bench tcp --profiles} and {@code bench udp}. */
public final class PathOptions {
    /** Without --variants: no VPN, Braid over the best link, Braid multilink with the product's defaults. */
    public static final List<String> DEFAULT_VARIANTS = List.of("direct", "single", "proportional/queue");

    @Option(names = "--profiles", split = ",", paramLabel = "P",
            description = "Profiles of the harder testbed (tbf bottleneck before a pathem propagation path, both ways): "
                    + "all, or names of the matrix (equal, equal-deep, equal-shallow, target, ratio-4, ratio-10, rtt-300, "
                    + "jitter-5, jitter-20, loss-0.5, loss-2, changing, lte-lte, fiber-lte, lte-sat, lossy-pair, "
                    + "one-lossy-jitter, one-lte), or RATE_A+RATE_B@DELAY_A/DELAY_B[^J/J][~L/L].")
    public List<String> profiles;

    @Option(names = "--runs", paramLabel = "N", defaultValue = "3",
            description = "Repetitions of every flow with --profiles (min / median / max). Default: ${DEFAULT-VALUE}.")
    public int runs;

    @Option(names = "--loads", split = ",", paramLabel = "L", defaultValue = "idle",
            description = "idle and/or hog (a busy loop on one core beside the tunnel), with --profiles. Default: ${DEFAULT-VALUE}.")
    public List<String> loads = new ArrayList<>();

    /** Every problem with these options, or empty. */
    public List<String> problems() {
        List<String> problems = new ArrayList<>();
        if (runs < 1) {
            problems.add("--runs takes a count >= 1, got " + runs);
        }
        if (!loads.stream().allMatch(l -> l.equals("idle") || l.equals("hog"))) {
            problems.add("--loads takes idle and hog, got " + loads);
        }
        return problems;
    }

    public List<PathProfile> parsedProfiles() {
        return profiles.stream().flatMap(p -> PathProfile.parse(p).stream()).distinct().toList();
    }
}
