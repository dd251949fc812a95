package dev.braid.testbed.bench.realtime;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * A target judged for one variant and direction by its worst run: each run's value against the
 * limit of that run (the fast link's one-way delay is the direct variant's idle p50 of the same
 * run and direction, else the configured delay), the run furthest beyond it decides.
 */
public record RealtimeVerdict(RealtimeTarget target, String variant, String direction, double worstValue,
                              double worstLimit, int worstRun, boolean met) {

    /** Every target for every tunnel variant and direction that has rows of the target's scenario. */
    public static List<RealtimeVerdict> judge(List<RealtimeResult> results, double configuredFastLinkMs) {
        List<RealtimeVerdict> verdicts = new ArrayList<>();
        List<String> variants = results.stream().filter(r -> !r.isDirect()).map(RealtimeResult::variant).distinct().toList();
        for (RealtimeTarget target : RealtimeTarget.ISSUE_15) {
            for (String variant : variants) {
                for (String direction : List.of("up", "down")) {
                    List<RealtimeResult> rows = results.stream().filter(r -> r.scenario() == target.scenario()
                            && r.variant().equals(variant) && r.direction().equals(direction)).toList();
                    if (!rows.isEmpty()) {
                        verdicts.add(worst(target, variant, direction, rows, results, configuredFastLinkMs));
                    }
                }
            }
        }
        return verdicts;
    }

    private static RealtimeVerdict worst(RealtimeTarget target, String variant, String direction, List<RealtimeResult> rows,
            List<RealtimeResult> all, double configuredFastLinkMs) {
        RealtimeVerdict worst = null;
        double worstExcess = Double.NEGATIVE_INFINITY;
        for (RealtimeResult row : rows) {
            double limit = target.limitFor(fastLinkMs(all, row.run(), direction).orElse(configuredFastLinkMs));
            double value = target.metric().applyAsDouble(row);
            double excess = target.excess(value, limit);
            if (worst == null || excess > worstExcess) {
                worstExcess = excess;
                worst = new RealtimeVerdict(target, variant, direction, value, limit, row.run(), excess <= 0);
            }
        }
        return worst;
    }

    /** The direct variant's idle p50 in {@code run} and {@code direction}: the fast link's measured one-way delay. */
    static Optional<Double> fastLinkMs(List<RealtimeResult> results, int run, String direction) {
        return results.stream().filter(r -> r.isDirect() && r.scenario() == RealtimeScenario.IDLE && r.run() == run
                        && r.direction().equals(direction) && !Double.isNaN(r.stats().p50Ms()))
                .map(r -> r.stats().p50Ms()).findFirst();
    }
}
