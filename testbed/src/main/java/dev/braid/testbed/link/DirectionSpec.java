package dev.braid.testbed.link;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * Everything that shapes one direction of an emulated link.
 *
 * @param rateBitsPerSecond serialization rate of the bottleneck; 0 = unlimited (ignored when a
 *                          capacity trace is given)
 * @param delayNanos        one-way propagation delay
 * @param jitterNanos       each packet's delay varies uniformly in [delay - jitter, delay + jitter]
 * @param allowReorder      if false, jitter never lets a packet overtake an earlier one
 * @param lossProbability   independent random loss
 * @param burstLoss         Gilbert–Elliott bursty loss, or null for none
 * @param queueLimit        drop-tail limit of the bottleneck queue
 * @param trace             mahimahi capacity trace replacing the fixed rate (rate events are then
 *                          ignored), or null
 * @param events            changes at given times, sorted by time
 */
public record DirectionSpec(
        long rateBitsPerSecond,
        long delayNanos,
        long jitterNanos,
        boolean allowReorder,
        double lossProbability,
        GilbertElliott burstLoss,
        QueueLimit queueLimit,
        CapacityTrace trace,
        List<LinkEvent> events) {

    /** A link that forwards everything at once. */
    public static final DirectionSpec UNLIMITED = builder().build();

    public DirectionSpec {
        if (rateBitsPerSecond < 0 || delayNanos < 0 || jitterNanos < 0) {
            throw new IllegalArgumentException("rate, delay and jitter must be >= 0");
        }
        GilbertElliott.checkProbability("loss", lossProbability);
        if (queueLimit == null) {
            queueLimit = QueueLimit.UNLIMITED;
        }
        List<LinkEvent> sorted = new ArrayList<>(events == null ? List.of() : events);
        sorted.sort(Comparator.comparingLong(LinkEvent::atNanos)); // stable: same-time events keep their order
        events = List.copyOf(sorted);
    }

    public static Builder builder() {
        return new Builder();
    }

    /** A builder initialised with this spec, to derive variants. */
    public Builder toBuilder() {
        Builder b = new Builder();
        b.rateBitsPerSecond = rateBitsPerSecond;
        b.delayNanos = delayNanos;
        b.jitterNanos = jitterNanos;
        b.allowReorder = allowReorder;
        b.lossProbability = lossProbability;
        b.burstLoss = burstLoss;
        b.queueLimit = queueLimit;
        b.trace = trace;
        b.events.addAll(events);
        return b;
    }

    /** Fluent construction; every field defaults to "no effect". */
    public static final class Builder {
        private long rateBitsPerSecond;
        private long delayNanos;
        private long jitterNanos;
        private boolean allowReorder;
        private double lossProbability;
        private GilbertElliott burstLoss;
        private QueueLimit queueLimit = QueueLimit.UNLIMITED;
        private CapacityTrace trace;
        private final List<LinkEvent> events = new ArrayList<>();

        private Builder() {}

        public Builder rate(long bitsPerSecond) {
            this.rateBitsPerSecond = bitsPerSecond;
            return this;
        }

        public Builder delay(long nanos) {
            this.delayNanos = nanos;
            return this;
        }

        public Builder jitter(long nanos) {
            this.jitterNanos = nanos;
            return this;
        }

        public Builder allowReorder(boolean allow) {
            this.allowReorder = allow;
            return this;
        }

        public Builder loss(double probability) {
            this.lossProbability = probability;
            return this;
        }

        public Builder burstLoss(GilbertElliott model) {
            this.burstLoss = model;
            return this;
        }

        public Builder queue(QueueLimit limit) {
            this.queueLimit = limit;
            return this;
        }

        QueueLimit queueLimit() {
            return queueLimit;
        }

        public Builder trace(CapacityTrace capacityTrace) {
            this.trace = capacityTrace;
            return this;
        }

        public Builder event(LinkEvent event) {
            this.events.add(event);
            return this;
        }

        public DirectionSpec build() {
            return new DirectionSpec(rateBitsPerSecond, delayNanos, jitterNanos, allowReorder,
                    lossProbability, burstLoss, queueLimit, trace, events);
        }
    }
}
