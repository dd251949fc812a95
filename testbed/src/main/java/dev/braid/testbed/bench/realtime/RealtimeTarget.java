package dev.braid.testbed.bench.realtime;

import java.util.List;
import java.util.function.ToDoubleFunction;

/**
 * One of issue 15's targets for the VoIP-like flow: a metric of one scenario held to a limit,
 * either absolute or added to the fast link's one-way delay ({@code overFastLink}).
 *
 * @param atLeast true when the metric must reach the limit (the bulk flow's share), false when it must stay below
 */
public record RealtimeTarget(String name, RealtimeScenario scenario, ToDoubleFunction<RealtimeResult> metric,
                             double limit, boolean overFastLink, boolean atLeast, String unit) {

    /** The issue's targets, plus the cut: "loses at most 200 ms of that flow". */
    public static final List<RealtimeTarget> ISSUE_15 = List.of(
            new RealtimeTarget("idle p50", RealtimeScenario.IDLE, r -> r.stats().p50Ms(), 2, true, false, "ms"),
            new RealtimeTarget("idle p99", RealtimeScenario.IDLE, r -> r.stats().p99Ms(), 5, true, false, "ms"),
            new RealtimeTarget("bulk p50", RealtimeScenario.BULK, r -> r.stats().p50Ms(), 15, true, false, "ms"),
            new RealtimeTarget("bulk p99", RealtimeScenario.BULK, r -> r.stats().p99Ms(), 30, true, false, "ms"),
            new RealtimeTarget("bulk loss", RealtimeScenario.BULK, r -> r.stats().lossPercent(), 0.1, false, false, "%"),
            new RealtimeTarget("bulk kept", RealtimeScenario.BULK, RealtimeResult::bulkKeptPercent, 90, false, true, "%"),
            new RealtimeTarget("2 % loss: loss", RealtimeScenario.LOSS, r -> r.stats().lossPercent(), 0.1, false, false, "%"),
            new RealtimeTarget("cut: longest gap", RealtimeScenario.CUT, r -> r.stats().longestGapMs(), 200, false, false, "ms"));

    /** The limit for a run whose fast link measured {@code fastLinkMs} one way. */
    public double limitFor(double fastLinkMs) {
        return overFastLink ? fastLinkMs + limit : limit;
    }

    /** How far {@code value} is beyond {@code limit} (positive: missed; NaN counts as missed by infinity). */
    public double excess(double value, double limit) {
        if (Double.isNaN(value)) {
            return Double.POSITIVE_INFINITY;
        }
        return atLeast ? limit - value : value - limit;
    }

    /** e.g. "≤ fast + 2 ms", "≥ 90 %". */
    public String describeLimit() {
        return (atLeast ? "≥ " : "≤ ") + (overFastLink ? "fast + " : "") + RealtimeReport.num(limit) + " " + unit;
    }
}
