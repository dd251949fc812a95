package dev.braid.testbed.demo;

import java.util.Locale;

/**
 * Issue 15's targets for a realtime flow beside one bulk flow in the same direction: one-way p50
 * at most the fast link's one-way delay + 15 ms, p99 at most + 30 ms, loss at most 0.1 %.
 * A demo run is a benchmark figure on a shared machine, so this reports, it never fails a run.
 */
final class RealtimeTargets {
    static final double P50_ABOVE_FAST_LINK_MS = 15;
    static final double P99_ABOVE_FAST_LINK_MS = 30;
    static final double MAX_LOSS_PERCENT = 0.1;

    private RealtimeTargets() {}

    /** E.g. "p50 7.1 <= 20.0 ms met, p99 41.2 <= 35.0 ms MISSED, loss 0.00 <= 0.1 % met". */
    static String verdict(LatencyStats delay, double lossPercent, double fastLinkOneWayMillis) {
        double p50Bound = fastLinkOneWayMillis + P50_ABOVE_FAST_LINK_MS;
        double p99Bound = fastLinkOneWayMillis + P99_ABOVE_FAST_LINK_MS;
        return String.format(Locale.ROOT, "p50 %.1f <= %.1f ms %s, p99 %.1f <= %.1f ms %s, loss %.2f <= %.1f %% %s",
                delay.p50Millis(), p50Bound, met(delay.p50Millis() <= p50Bound), delay.p99Millis(), p99Bound,
                met(delay.p99Millis() <= p99Bound), lossPercent, MAX_LOSS_PERCENT,
                met(lossPercent <= MAX_LOSS_PERCENT));
    }

    /** NaN (no packets) compares false: a target without evidence is not met. */
    private static String met(boolean met) {
        return met ? "met" : "MISSED";
    }
}
