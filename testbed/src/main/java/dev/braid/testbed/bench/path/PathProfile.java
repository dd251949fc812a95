package dev.braid.testbed.bench.path;

import dev.braid.testbed.bench.netns.TcpScenario;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * One world of the path benchmark: one or two access links. The named matrix is modelled on public
 * multipath benchmarks (mqvpn's scheduler matrix, its LTE + satellite scenarios, the MLVPN
 * comparison of this project's issues): equal links, rate ratios of 4:1 and 10:1, RTT spreads up
 * to 300 ms, jitter of ±5 and ±20 ms, 0.5 % and 2 % random loss, bursty loss, changing rates,
 * deep (200 ms) and shallow (20 ms) bottleneck queues, and mixed pairs.
 */
public record PathProfile(String name, List<PathLink> links) {
    private static final int MEDIUM_QUEUE_MS = 50;
    private static final int DEEP_QUEUE_MS = 200;
    private static final int SHALLOW_QUEUE_MS = 20;

    public PathProfile {
        links = List.copyOf(links);
        if (links.isEmpty() || links.size() > 2) {
            throw new IllegalArgumentException("a profile has one or two links, got " + links.size());
        }
    }

    private static PathProfile of(String name, PathLink... links) {
        return new PathProfile(name, List.of(links));
    }

    /** The whole matrix, in the order a full run measures it. */
    public static List<PathProfile> matrix() {
        int q = MEDIUM_QUEUE_MS;
        return List.of(
                of("equal", PathLink.of(50, 10, 0, 0, q), PathLink.of(50, 10, 0, 0, q)),
                of("equal-deep", PathLink.of(50, 10, 0, 0, DEEP_QUEUE_MS), PathLink.of(50, 10, 0, 0, DEEP_QUEUE_MS)),
                of("equal-shallow", PathLink.of(50, 10, 0, 0, SHALLOW_QUEUE_MS), PathLink.of(50, 10, 0, 0, SHALLOW_QUEUE_MS)),
                of("target", PathLink.of(50, 10, 0, 0, q), PathLink.of(50, 50, 0, 0, q)),
                of("ratio-4", PathLink.of(80, 10, 0, 0, q), PathLink.of(20, 10, 0, 0, q)),
                of("ratio-10", PathLink.of(50, 10, 0, 0, q), PathLink.of(5, 20, 0, 0, q)),
                of("rtt-300", PathLink.of(30, 10, 0, 0, q), PathLink.of(30, 160, 0, 0, q)),
                of("jitter-5", PathLink.of(50, 10, 5, 0, q), PathLink.of(50, 10, 5, 0, q)),
                of("jitter-20", PathLink.of(30, 30, 20, 0, q), PathLink.of(30, 40, 20, 0, q)),
                of("loss-0.5", PathLink.of(40, 20, 0, 0.5, q), PathLink.of(40, 20, 0, 0.5, q)),
                of("loss-2", PathLink.of(30, 20, 0, 2, q), PathLink.of(30, 20, 0, 2, q)),
                of("changing", PathLink.of(50, 10, 0, 0, q).withRateSteps(4, List.of(50.0, 20.0, 50.0, 35.0)),
                        PathLink.of(50, 20, 0, 0, q)),
                of("lte-lte", PathLink.of(40, 30, 10, 0.5, 100).withBursts(2),
                        PathLink.of(25, 45, 15, 1, 100).withBursts(3).withRateSteps(5, List.of(25.0, 10.0, 25.0, 15.0))),
                of("fiber-lte", PathLink.of(100, 5, 0, 0, SHALLOW_QUEUE_MS), PathLink.of(40, 25, 8, 0.5, DEEP_QUEUE_MS)),
                of("lte-sat", PathLink.of(30, 25, 8, 0.5, 100), PathLink.of(20, 150, 4, 0.2, DEEP_QUEUE_MS)),
                of("lossy-pair", PathLink.of(20, 20, 0, 2, SHALLOW_QUEUE_MS).withBursts(3),
                        PathLink.of(20, 30, 0, 1, SHALLOW_QUEUE_MS)),
                of("one-lossy-jitter", PathLink.of(40, 30, 5, 0.5, q)),
                of("one-lte", PathLink.of(100, 50, 25, 1, q)));
    }

    /**
     * Issue 15's world for real-time traffic (the paper's worst case): a fast link of 8 Mbit/s
     * with 5 ms one way and a slow one of 2 Mbit/s with 50 ms, 50 ms queues, both with
     * {@code lossPercent} random loss. Not in {@link #matrix()}: {@code bench realtime} builds it.
     */
    public static PathProfile realtime(double lossPercent) {
        return of(lossPercent > 0 ? "realtime-loss-" + PathLink.fmt(lossPercent) : "realtime",
                PathLink.of(8, 5, 0, lossPercent, MEDIUM_QUEUE_MS), PathLink.of(2, 50, 0, lossPercent, MEDIUM_QUEUE_MS));
    }

    /**
     * A name from {@link #matrix()}, "all", or an ad-hoc pair in the {@code bench tcp --scenarios}
     * syntax (RATE_A+RATE_B@DELAY_A/DELAY_B[^J/J][~L/L], queues of 50 ms).
     */
    public static List<PathProfile> parse(String text) {
        String t = text.trim().toLowerCase(Locale.ROOT);
        Map<String, PathProfile> named = matrix().stream().collect(Collectors.toMap(PathProfile::name, Function.identity()));
        if (t.equals("all")) {
            return matrix();
        }
        if (named.containsKey(t)) {
            return List.of(named.get(t));
        }
        if (!t.contains("@")) {
            throw new IllegalArgumentException("profile '" + text + "' is none of " + String.join(", ", named.keySet().stream().sorted().toList())
                    + ", 'all' or RATE_A+RATE_B@DELAY_A/DELAY_B[^J/J][~L/L]");
        }
        TcpScenario s = TcpScenario.parse(t);
        return List.of(of(t, PathLink.of(s.rateAMbit(), s.delayAMs(), s.jitterAMs(), s.lossAPercent(), MEDIUM_QUEUE_MS),
                PathLink.of(s.rateBMbit(), s.delayBMs(), s.jitterBMs(), s.lossBPercent(), MEDIUM_QUEUE_MS)));
    }

    public boolean isSingleLink() {
        return links.size() == 1;
    }

    /** The link with the higher (mean) rate, on a tie the shorter delay: the single-link baseline's link. */
    public int bestLink() {
        if (isSingleLink()) {
            return 0;
        }
        PathLink a = links.get(0);
        PathLink b = links.get(1);
        boolean aFaster = a.meanRateMbit() > b.meanRateMbit()
                || (a.meanRateMbit() == b.meanRateMbit() && a.delayMs() <= b.delayMs());
        return aFaster ? 0 : 1;
    }

    /** Sum of the links' mean rates. */
    public double sumMbit() {
        return links.stream().mapToDouble(PathLink::meanRateMbit).sum();
    }

    /**
     * The reference link: the summed rate (following every step of the links) on the best link's
     * path (delay, jitter, loss, queue), so a tunnel over it carries the same framing.
     */
    public PathLink reference() {
        PathLink best = links.get(bestLink());
        if (links.stream().allMatch(l -> l.rateStepsMbit().isEmpty())) {
            return best.withRate(sumMbit());
        }
        List<PathLink> stepped = links.stream().filter(l -> !l.rateStepsMbit().isEmpty()).toList();
        int step = stepped.stream().mapToInt(PathLink::stepSeconds).reduce(PathProfile::gcd).orElseThrow();
        int cycle = stepped.stream().mapToInt(l -> l.stepSeconds() * l.rateStepsMbit().size()).reduce(1, PathProfile::lcm);
        List<Double> sums = new ArrayList<>();
        for (int second = 0; second < cycle; second += step) {
            final long at = second;
            sums.add(links.stream().mapToDouble(l -> l.rateAt(at)).sum());
        }
        return best.withRate(sumMbit()).withRateSteps(step, sums);
    }

    private static int gcd(int a, int b) {
        return b == 0 ? a : gcd(b, a % b);
    }

    private static int lcm(int a, int b) {
        return a / gcd(a, b) * b;
    }

    /** e.g. "target: a 50Mbit 10ms, b 50Mbit 50ms, queues 50/50ms". */
    public String describe() {
        StringBuilder text = new StringBuilder(name).append(':');
        for (int i = 0; i < links.size(); i++) {
            text.append(i == 0 ? " " : ", ").append((char) ('a' + i)).append(' ').append(links.get(i).describe());
        }
        text.append(", queue ").append(String.join("/", links.stream().map(l -> l.queueMs() + "").toList())).append("ms");
        return text.toString();
    }
}
