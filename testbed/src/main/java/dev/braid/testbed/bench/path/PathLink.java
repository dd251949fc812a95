package dev.braid.testbed.bench.path;

import java.util.List;
import java.util.Locale;

/**
 * One access link of a profile, alike in both directions: its bottleneck (a kernel tbf with a
 * queue of {@code queueMs} at {@code rateMbit}, optionally stepping through {@code rateStepsMbit}
 * every {@code stepSeconds}), then its propagation path (one-way delay, jitter that never
 * reorders, random or bursty loss).
 *
 * @param burstPackets mean length of a loss burst in packets; 1 is independent random loss, more
 *                     is a Gilbert–Elliott channel with the same mean loss
 */
public record PathLink(double rateMbit, int delayMs, int jitterMs, double lossPercent, double burstPackets,
                       int queueMs, List<Double> rateStepsMbit, int stepSeconds) {

    public PathLink {
        if (!(rateMbit > 0) || delayMs < 0 || jitterMs < 0 || jitterMs > delayMs || queueMs < 1) {
            throw new IllegalArgumentException("rate > 0, 0 <= jitter <= delay and queue >= 1 ms, got " + rateMbit + " Mbit/s "
                    + delayMs + " ms jitter " + jitterMs + " ms queue " + queueMs + " ms");
        }
        if (lossPercent < 0 || lossPercent >= 50 || burstPackets < 1) {
            throw new IllegalArgumentException("loss in [0, 50) % and bursts >= 1 packet, got " + lossPercent + " % / " + burstPackets);
        }
        rateStepsMbit = List.copyOf(rateStepsMbit);
        if (!rateStepsMbit.isEmpty() && (stepSeconds < 1 || rateStepsMbit.stream().anyMatch(r -> !(r > 0)))) {
            throw new IllegalArgumentException("rate steps need rates > 0 and a step of >= 1 s");
        }
    }

    /** A fixed-rate link. */
    public static PathLink of(double rateMbit, int delayMs, int jitterMs, double lossPercent, int queueMs) {
        return new PathLink(rateMbit, delayMs, jitterMs, lossPercent, 1, queueMs, List.of(), 0);
    }

    public PathLink withBursts(double meanBurstPackets) {
        return new PathLink(rateMbit, delayMs, jitterMs, lossPercent, meanBurstPackets, queueMs, rateStepsMbit, stepSeconds);
    }

    public PathLink withRateSteps(int seconds, List<Double> steps) {
        return new PathLink(rateMbit, delayMs, jitterMs, lossPercent, burstPackets, queueMs, steps, seconds);
    }

    public PathLink withRate(double mbit) {
        return new PathLink(mbit, delayMs, jitterMs, lossPercent, burstPackets, queueMs, List.of(), 0);
    }

    /** The rate at {@code seconds} after the start (the steps cycle). */
    public double rateAt(long seconds) {
        return rateStepsMbit.isEmpty() ? rateMbit : rateStepsMbit.get((int) ((seconds / stepSeconds) % rateStepsMbit.size()));
    }

    /** The mean rate over a whole cycle of steps. */
    public double meanRateMbit() {
        return rateStepsMbit.isEmpty() ? rateMbit : rateStepsMbit.stream().mapToDouble(Double::doubleValue).average().orElseThrow();
    }

    /** The path's spec for {@code braid pathem} (delay, jitter, loss; rate unlimited: tbf is the bottleneck). */
    public String pathemSpec() {
        StringBuilder spec = new StringBuilder("0/" + delayMs + "ms");
        if (jitterMs > 0) {
            spec.append(",jitter=").append(jitterMs).append("ms");
        }
        if (lossPercent > 0 && burstPackets <= 1) {
            spec.append(",loss=").append(fmt(lossPercent)).append('%');
        } else if (lossPercent > 0) {
            // Gilbert–Elliott, all lost while bad: mean burst 1/r, mean loss p/(p+r).
            double loss = lossPercent / 100;
            double r = 1 / burstPackets;
            double p = r * loss / (1 - loss);
            spec.append(String.format(Locale.ROOT, ",ge=%.6f/%.6f", p, r));
        }
        return spec.toString();
    }

    /** e.g. "50Mbit 10ms", "40Mbit 30±5ms 0.5% loss", "20Mbit 25ms 1% loss in bursts of 3, rate 30>10>20 every 5s". */
    public String describe() {
        StringBuilder text = new StringBuilder(fmt(rateMbit) + "Mbit " + delayMs + (jitterMs > 0 ? "±" + jitterMs : "") + "ms");
        if (lossPercent > 0) {
            text.append(' ').append(fmt(lossPercent)).append("% loss");
            if (burstPackets > 1) {
                text.append(" in bursts of ").append(fmt(burstPackets));
            }
        }
        if (!rateStepsMbit.isEmpty()) {
            text.append(", rate ").append(String.join(">", rateStepsMbit.stream().map(PathLink::fmt).toList()))
                    .append(" every ").append(stepSeconds).append('s');
        }
        return text.toString();
    }

    static String fmt(double value) {
        return value == Math.rint(value) ? String.valueOf((long) value) : String.valueOf(value);
    }
}
