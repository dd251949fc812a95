package dev.braid.testbed.bench.realtime;

import java.util.List;

/**
 * One measured probe of {@code bench realtime}.
 *
 * @param variant       the variant's label (direct: plain IP over the fast link, no tunnel)
 * @param run           1-based repetition; a row is judged against the direct row of its run and direction
 * @param bulkAloneMbit the bulk flow's goodput without the probe (bulk scenario; NaN otherwise)
 * @param bulkWithMbit  the bulk flow's goodput with the probe beside it (bulk scenario; NaN otherwise)
 * @param error         why the probe failed, or null
 */
public record RealtimeResult(RealtimeScenario scenario, String variant, String direction, int run, ProbeStats stats,
                             List<ProbeSample> samples, double bulkAloneMbit, double bulkWithMbit, String error) {
    public RealtimeResult {
        samples = List.copyOf(samples);
    }

    /** The bulk flow's share of its goodput alone that it kept beside the probe, in %. */
    public double bulkKeptPercent() {
        return 100 * bulkWithMbit / bulkAloneMbit;
    }

    public boolean isDirect() {
        return variant.equals("direct");
    }
}
