package dev.braid.multilink;

import dev.braid.core.config.ConfigDescription;
import dev.braid.core.config.ConfigKey;
import dev.braid.core.config.ConfigMax;
import dev.braid.core.config.ConfigMin;
import dev.braid.core.config.DataRate;
import dev.braid.core.config.Durations;
import dev.braid.multilink.protocol.ClassifyMode;
import dev.braid.multilink.protocol.FlowSettings;
import dev.braid.multilink.protocol.QueueSettings;
import dev.braid.multilink.protocol.RealtimeSettings;
import java.time.Duration;
import java.util.List;

/**
 * The {@code multilink.realtime:} subsection: the inner-flow table's bounds and how flows get
 * their latency class. Defaults are {@link FlowSettings#defaults()}.
 */
public final class RealtimeConfig {
    private final FlowSettings defaults = FlowSettings.defaults();
    private ClassifyMode classify = defaults.classifyMode();
    private List<FlowRuleConfig> rules = List.of();
    private int smallPacketBytes = defaults.smallPacketBytes();
    private DataRate lowRate = DataRate.ofBitsPerSecond(defaults.lowRateBitsPerSecond());
    private double growFactor = defaults.growFactor();
    private Duration holdDown = Duration.ofNanos(defaults.holdDownNanos());
    private int minPackets = defaults.minPackets();
    private int maxFlows = defaults.maxFlows();
    private Duration flowIdle = Duration.ofNanos(defaults.flowIdleNanos());
    private RealtimeSettings.Redundancy redundancy = RealtimeSettings.defaults().redundancy();
    private double redundancyRatio = QueueSettings.defaults().redundancyRatio();

    /** The flow settings these keys describe. */
    public FlowSettings toSettings() {
        return FlowSettings.builder()
                .classifyMode(classify)
                .rules(rules.stream().map(FlowRuleConfig::toRule).toList())
                .smallPacketBytes(smallPacketBytes)
                .lowRateBitsPerSecond(lowRate.bitsPerSecond())
                .growFactor(growFactor)
                .holdDownNanos(holdDown.toNanos())
                .minPackets(minPackets)
                .maxFlows(maxFlows)
                .flowIdleNanos(flowIdle.toNanos())
                .rateWindowNanos(defaults.rateWindowNanos())
                .build();
    }

    /** How realtime packets are placed and copied. */
    public RealtimeSettings toRealtimeSettings() {
        RealtimeSettings d = RealtimeSettings.defaults();
        return new RealtimeSettings(redundancy, d.lossMemoryNanos(), d.delaySpikeNanos(), d.ackSilenceNanos());
    }

    public RealtimeSettings.Redundancy getRedundancy() {
        return redundancy;
    }

    @ConfigKey("redundancy")
    @ConfigDescription("on-loss (a realtime packet also goes on a second link while its first link shows loss, a delay spike or silence), always, or off")
    public void setRedundancy(RealtimeSettings.Redundancy redundancy) {
        this.redundancy = redundancy;
    }

    public double getRedundancyRatio() {
        return redundancyRatio;
    }

    @ConfigKey("redundancy-ratio")
    @ConfigMin(0)
    @ConfigMax(1)
    @ConfigDescription("bytes of realtime copies per byte of realtime packets, at most (1: every packet may have its copy)")
    public void setRedundancyRatio(double redundancyRatio) {
        this.redundancyRatio = redundancyRatio;
    }

    public ClassifyMode getClassify() {
        return classify;
    }

    @ConfigKey("classify")
    @ConfigDescription("auto (rules, then DSCP EF/AF4x/CS4/CS5 and small slow UDP flows), rules-only, or off (every flow bulk)")
    public void setClassify(ClassifyMode classify) {
        this.classify = classify;
    }

    public List<FlowRuleConfig> getRules() {
        return rules;
    }

    @ConfigKey("rules")
    @ConfigDescription("checked in order before the automatic classes, the first match wins: protocol, ports, dscp, addresses, class")
    public void setRules(List<FlowRuleConfig> rules) {
        this.rules = rules;
    }

    public int getSmallPacketBytes() {
        return smallPacketBytes;
    }

    @ConfigKey("small-packet-bytes")
    @ConfigMin(1)
    @ConfigMax(65535)
    @ConfigDescription("a UDP flow whose recent mean packet size is at most this (and whose rate is at most low-rate) is realtime")
    public void setSmallPacketBytes(int smallPacketBytes) {
        this.smallPacketBytes = smallPacketBytes;
    }

    public DataRate getLowRate() {
        return lowRate;
    }

    @ConfigKey("low-rate")
    @ConfigMin(1)
    @ConfigDescription("a UDP flow at most this fast (and with small packets) is realtime, e.g. 1Mbit")
    public void setLowRate(DataRate lowRate) {
        this.lowRate = lowRate;
    }

    public double getGrowFactor() {
        return growFactor;
    }

    @ConfigKey("grow-factor")
    @ConfigMin(1)
    @ConfigMax(100)
    @ConfigDescription("a realtime UDP flow faster than low-rate x this (or with larger packets) moves to bulk")
    public void setGrowFactor(double growFactor) {
        this.growFactor = growFactor;
    }

    public Duration getHoldDown() {
        return holdDown;
    }

    @ConfigKey("hold-down")
    @ConfigDescription("a flow moved to bulk returns to realtime only after this long below both thresholds")
    public void setHoldDown(Duration holdDown) {
        this.holdDown = holdDown;
    }

    public int getMinPackets() {
        return minPackets;
    }

    @ConfigKey("min-packets")
    @ConfigMin(1)
    @ConfigMax(1000)
    @ConfigDescription("packets before a UDP flow's rate counts for its class (a small flow is realtime from its first packet)")
    public void setMinPackets(int minPackets) {
        this.minPackets = minPackets;
    }

    public int getMaxFlows() {
        return maxFlows;
    }

    @ConfigKey("max-flows")
    @ConfigMin(16)
    @ConfigMax(FlowSettings.MAX_FLOWS_LIMIT)
    @ConfigDescription("inner flows tracked per session direction; beyond them new flows share one bulk slot")
    public void setMaxFlows(int maxFlows) {
        this.maxFlows = maxFlows;
    }

    public Duration getFlowIdle() {
        return flowIdle;
    }

    @ConfigKey("flow-idle")
    @ConfigDescription("a flow without packets this long is forgotten (a new packet starts it again, bulk)")
    public void setFlowIdle(Duration flowIdle) {
        if (flowIdle.isZero()) {
            throw new IllegalArgumentException("must be above 0, e.g. " + Durations.format(Duration.ofNanos(defaults.flowIdleNanos())));
        }
        this.flowIdle = flowIdle;
    }
}
