package dev.braid.multilink.protocol;

import java.util.List;
import java.util.Objects;

/**
 * Tunables of the inner-flow table and its latency classifier ({@link FlowTable}, {@link
 * FlowClassifier}). Durations are nanoseconds. Use {@link #defaults()} or {@link #builder()}; the
 * constructor validates.
 *
 * @param maxFlows             flows tracked at most; a new flow beyond them shares the overflow slot
 * @param flowIdleNanos        a flow without a packet this long is forgotten
 * @param classifyMode         rules and automatic classification, rules only, or everything bulk
 * @param rules                checked in order before the automatic classes; the first match wins
 * @param smallPacketBytes     a UDP flow whose recent mean packet size is at most this ...
 * @param lowRateBitsPerSecond ... and whose rate is at most this is realtime (automatic)
 * @param growFactor           an automatically realtime flow above lowRate x this, or above the
 *                             small size, moves to bulk
 * @param holdDownNanos        ... and back to realtime only after this long below both thresholds
 * @param minPackets           a UDP flow's rate counts for its class from this many packets on (size from the first)
 * @param rateWindowNanos      time constant of the per-flow rate estimate
 */
public record FlowSettings(
        int maxFlows,
        long flowIdleNanos,
        ClassifyMode classifyMode,
        List<FlowRule> rules,
        int smallPacketBytes,
        long lowRateBitsPerSecond,
        double growFactor,
        long holdDownNanos,
        int minPackets,
        long rateWindowNanos) {

    /** Flows tracked at most by any table: about 200 bytes each, so 200 MB at this bound. */
    public static final int MAX_FLOWS_LIMIT = 1 << 20;
    private static final long MS = 1_000_000L;

    public FlowSettings {
        require(maxFlows >= 1 && maxFlows <= MAX_FLOWS_LIMIT, "maxFlows must be in 1.." + MAX_FLOWS_LIMIT);
        require(flowIdleNanos > 0, "flowIdleNanos must be > 0");
        Objects.requireNonNull(classifyMode, "classifyMode");
        rules = List.copyOf(rules);
        require(smallPacketBytes >= 1 && smallPacketBytes <= 65535, "smallPacketBytes must be in 1..65535");
        require(lowRateBitsPerSecond > 0, "lowRateBitsPerSecond must be > 0");
        require(growFactor >= 1 && growFactor <= 100, "growFactor must be in 1..100");
        require(holdDownNanos >= 0, "holdDownNanos must be >= 0");
        require(minPackets >= 1, "minPackets must be >= 1");
        require(rateWindowNanos > 0, "rateWindowNanos must be > 0");
    }

    private static void require(boolean ok, String message) {
        if (!ok) {
            throw new IllegalArgumentException(message);
        }
    }

    /** 1024 flows idle after 30 s; auto; 300 bytes, 1 Mbit/s, x1.5, 2 s hold-down, 5 packets; 1 s rate window. */
    public static FlowSettings defaults() {
        return builder().build();
    }

    public static Builder builder() {
        return new Builder();
    }

    /** Mutable builder starting from the defaults. */
    public static final class Builder {
        private int maxFlows = 1024;
        private long flowIdleNanos = 30_000 * MS;
        private ClassifyMode classifyMode = ClassifyMode.AUTO;
        private List<FlowRule> rules = List.of();
        private int smallPacketBytes = 300;
        private long lowRateBitsPerSecond = 1_000_000;
        private double growFactor = 1.5;
        private long holdDownNanos = 2_000 * MS;
        private int minPackets = 5;
        private long rateWindowNanos = 1_000 * MS;

        public Builder maxFlows(int v) { maxFlows = v; return this; }
        public Builder flowIdleNanos(long v) { flowIdleNanos = v; return this; }
        public Builder classifyMode(ClassifyMode v) { classifyMode = v; return this; }
        public Builder rules(List<FlowRule> v) { rules = v; return this; }
        public Builder smallPacketBytes(int v) { smallPacketBytes = v; return this; }
        public Builder lowRateBitsPerSecond(long v) { lowRateBitsPerSecond = v; return this; }
        public Builder growFactor(double v) { growFactor = v; return this; }
        public Builder holdDownNanos(long v) { holdDownNanos = v; return this; }
        public Builder minPackets(int v) { minPackets = v; return this; }
        public Builder rateWindowNanos(long v) { rateWindowNanos = v; return this; }

        public FlowSettings build() {
            return new FlowSettings(maxFlows, flowIdleNanos, classifyMode, rules, smallPacketBytes,
                    lowRateBitsPerSecond, growFactor, holdDownNanos, minPackets, rateWindowNanos);
        }
    }
}
