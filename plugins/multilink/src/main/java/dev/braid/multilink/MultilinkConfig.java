package dev.braid.multilink;

import dev.braid.core.config.ConfigDescription;
import dev.braid.core.config.ConfigKey;
import dev.braid.core.config.ConfigMax;
import dev.braid.core.config.ConfigMin;
import dev.braid.core.config.DataSize;
import dev.braid.core.config.Durations;
import dev.braid.core.config.SelfValidatingConfig;
import dev.braid.multilink.protocol.Bbr;
import dev.braid.multilink.protocol.CongestionControls;
import dev.braid.multilink.protocol.MultilinkSettings;
import dev.braid.multilink.protocol.QueueSettings;
import dev.braid.multilink.protocol.NoRoomPolicy;
import dev.braid.multilink.protocol.ProportionalScheduler;
import dev.braid.multilink.protocol.Schedulers;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** The {@code multilink:} section: scheduler, congestion control and resequencer bounds. */
public final class MultilinkConfig implements SelfValidatingConfig {
    private static final String ONE_RTT = "one-rtt";
    private static final String AUTO = "auto";
    private final MultilinkSettings defaults = MultilinkSettings.defaults();
    /**
     * The product spreads over every link at every load and aligns their delays, where the engine
     * keeps the paper's most-free-window without alignment: one TCP flow over links of unequal
     * delay then sees one steady RTT and reaches the sum of the links (docs/benchmarks-netns.md).
     */
    private String scheduler = ProportionalScheduler.NAME;
    /**
     * The product's links keep the pipe they measured after a loss (Westwood+) and repair what
     * they lose, where the engine keeps the paper's CCID2 halving and lets losses through: a
     * tunnel link's halving takes capacity from the inner flow for tens of seconds at 100 ms RTT,
     * and a link loss the inner TCP sees halves it too (docs/benchmarks-netns.md, session 5).
     */
    private String congestionControl = Bbr.NAME;
    /**
     * The product queues (bounded) where the paper drops: every packet the tunnel drops is a loss
     * an inner TCP flow must recover from (docs/benchmarks-netns.md). The simulator keeps the
     * paper's drop to reproduce its figures.
     */
    private NoRoomPolicy whenNoRoom = NoRoomPolicy.QUEUE;
    /**
     * The product's queue holds one round trip of the slowest link (up to 1024 packets) where the
     * engine holds 256 packets whatever they cost in time: a loss-based inner flow halves (CUBIC:
     * x0.7) its window on a loss and stays at the links' rate only if the queue held that much.
     */
    private int queuePackets = 1024;
    private String queueMaxDelay = ONE_RTT;
    private QueueDiscipline queueDiscipline = QueueDiscipline.FQ_CODEL;
    private String queueTarget = AUTO;
    private int resequencerMaxPackets = defaults.resequencerMaxPackets();
    private DataSize resequencerMaxBytes = DataSize.ofBytes(defaults.resequencerMaxBytes());
    private Duration resequencerMaxHold = Duration.ofNanos(defaults.resequencerMaxHoldNanos());
    private Duration minRto = Duration.ofNanos(defaults.minRtoNanos());
    private Duration growthQueueDelay = Duration.ofNanos(defaults.growthQueueDelayNanos());
    private boolean alignDelay = true;
    private boolean repairLosses = true;
    private Duration repairMaxAge = Duration.ofNanos(defaults.repairMaxAgeNanos());
    private int ackRatio = defaults.ackRatio();
    /** Ack decimation on busy links: 1.4 % more goodput for a TCP flow over 2 x 50 Mbit/s (docs/benchmarks-netns.md). */
    private int busyAckRatio = 10;
    private Duration delayedAck = Duration.ofNanos(defaults.delayedAckNanos());
    private List<String> linkWeights = List.of();
    private RealtimeConfig realtime = new RealtimeConfig();

    @Override
    public List<String> validate() {
        List<String> problems = new ArrayList<>();
        if (!Schedulers.names().contains(scheduler)) {
            problems.add("unknown scheduler '" + scheduler + "' (known: " + String.join(", ", Schedulers.names()) + ")");
        }
        if (!CongestionControls.names().contains(congestionControl)) {
            problems.add("unknown congestion-control '" + congestionControl + "' (known: "
                    + String.join(", ", CongestionControls.names()) + ")");
        }
        for (String entry : linkWeights) {
            try {
                parseWeight(entry);
            } catch (IllegalArgumentException e) {
                problems.add(e.getMessage());
            }
        }
        try {
            toSettings();
        } catch (IllegalArgumentException e) {
            problems.add(e.getMessage());
        }
        return problems;
    }

    /** The protocol settings these keys describe (defaults for everything not configurable). */
    public MultilinkSettings toSettings() {
        return defaults.toBuilder()
                .scheduler(scheduler)
                .congestionControl(congestionControl)
                .noRoomPolicy(whenNoRoom)
                .sharedQueuePackets(queuePackets)
                .sharedQueueMaxDelayNanos(queueMaxDelayNanos())
                .resequencerMaxPackets(resequencerMaxPackets)
                .resequencerMaxBytes(resequencerMaxBytes.bytes())
                .resequencerMaxHoldNanos(resequencerMaxHold.toNanos())
                .minRtoNanos(minRto.toNanos())
                .growthQueueDelayNanos(growthQueueDelay.toNanos())
                .alignDelay(alignDelay)
                .repairLosses(repairLosses)
                .repairMaxAgeNanos(repairMaxAge.toNanos())
                .ackRatio(ackRatio)
                .busyAckRatio(busyAckRatio)
                .delayedAckNanos(delayedAck.toNanos())
                .flows(realtime.toSettings())
                .realtime(realtime.toRealtimeSettings())
                .queue(QueueSettings.defaults().toBuilder()
                        .aqm(queueDiscipline == QueueDiscipline.FQ_CODEL)
                        .targetNanos(queueTargetNanos())
                        .redundancyRatio(realtime.getRedundancyRatio())
                        .build())
                .build();
    }

    /** Static weights by link name for the {@code weighted} scheduler; unnamed links weigh 1. */
    public Map<String, Integer> weightsByLinkName() {
        Map<String, Integer> weights = new HashMap<>();
        for (String entry : linkWeights) {
            Map.Entry<String, Integer> w = parseWeight(entry);
            weights.put(w.getKey(), w.getValue());
        }
        return weights;
    }

    private static Map.Entry<String, Integer> parseWeight(String entry) {
        int colon = entry.lastIndexOf(':');
        try {
            int weight = Integer.parseInt(entry.substring(colon + 1).trim());
            if (colon <= 0 || weight < 1) {
                throw new NumberFormatException();
            }
            return Map.entry(entry.substring(0, colon).trim(), weight);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("link-weights entry '" + entry + "' is not NAME:WEIGHT with WEIGHT >= 1");
        }
    }

    public String getScheduler() {
        return scheduler;
    }

    @ConfigKey("scheduler")
    @ConfigDescription("most-free-window (paper's Algorithm 1), round-robin, weighted, min-rtt or earliest-arrival")
    public void setScheduler(String scheduler) {
        this.scheduler = scheduler;
    }

    public String getCongestionControl() {
        return congestionControl;
    }

    @ConfigKey("congestion-control")
    @ConfigDescription("per-link congestion control: bbr (default; paced rate model that random loss and jitter do not cut), ccid2-westwood (after a loss not below the pipe it measured; collapses on jittery links) or ccid2 (halves, as the paper)")
    public void setCongestionControl(String congestionControl) {
        this.congestionControl = congestionControl;
    }

    public NoRoomPolicy getWhenNoRoom() {
        return whenNoRoom;
    }

    @ConfigKey("when-no-room")
    @ConfigDescription("queue (bounded by queue-packets) or drop (the paper's Algorithm 1) a packet when no link's window has room")
    public void setWhenNoRoom(NoRoomPolicy whenNoRoom) {
        this.whenNoRoom = whenNoRoom;
    }

    public int getQueuePackets() {
        return queuePackets;
    }

    @ConfigKey("queue-packets")
    @ConfigMin(1)
    @ConfigDescription("bound of the queue used with when-no-room: queue")
    public void setQueuePackets(int queuePackets) {
        this.queuePackets = queuePackets;
    }

    public String getQueueMaxDelay() {
        return queueMaxDelay;
    }

    @ConfigKey("queue-max-delay")
    @ConfigDescription("longest a packet waits in that queue: one-rtt (the slowest link's base RTT) or a duration")
    public void setQueueMaxDelay(String queueMaxDelay) {
        this.queueMaxDelay = queueMaxDelay;
    }

    public QueueDiscipline getQueueDiscipline() {
        return queueDiscipline;
    }

    @ConfigKey("queue-discipline")
    @ConfigDescription("fq-codel (per-flow queues, sparse flows first, CoDel keeps each standing queue near queue-target) or fifo")
    public void setQueueDiscipline(QueueDiscipline queueDiscipline) {
        this.queueDiscipline = queueDiscipline;
    }

    public String getQueueTarget() {
        return queueTarget;
    }

    @ConfigKey("queue-target")
    @ConfigDescription("CoDel's target with queue-discipline: fq-codel, the standing delay a flow may keep in the queue:"
            + " auto (40 % of the slowest link's base RTT, at least 5 ms: what one TCP flow needs to stay at the links' rate) or a duration")
    public void setQueueTarget(String queueTarget) {
        this.queueTarget = queueTarget;
    }

    private long queueTargetNanos() {
        if (AUTO.equalsIgnoreCase(queueTarget.trim())) {
            return QueueSettings.TARGET_FROM_RTT;
        }
        long nanos = Durations.parse(queueTarget).toNanos();
        if (nanos <= 0) {
            throw new IllegalArgumentException("queue-target must be auto or a duration above 0, got '" + queueTarget + "'");
        }
        return nanos;
    }

    private long queueMaxDelayNanos() {
        if (ONE_RTT.equalsIgnoreCase(queueMaxDelay.trim())) {
            return MultilinkSettings.QUEUE_DELAY_ONE_RTT;
        }
        long nanos = Durations.parse(queueMaxDelay).toNanos();
        if (nanos <= 0) {
            throw new IllegalArgumentException("queue-max-delay must be one-rtt or a duration above 0, got '" + queueMaxDelay + "'");
        }
        return nanos;
    }

    public int getResequencerMaxPackets() {
        return resequencerMaxPackets;
    }

    @ConfigKey("resequencer-max-packets")
    @ConfigMin(16)
    @ConfigDescription("packets the resequencer holds at most")
    public void setResequencerMaxPackets(int resequencerMaxPackets) {
        this.resequencerMaxPackets = resequencerMaxPackets;
    }

    public DataSize getResequencerMaxBytes() {
        return resequencerMaxBytes;
    }

    @ConfigKey("resequencer-max-bytes")
    @ConfigMin(65536)
    @ConfigDescription("bytes the resequencer holds at most")
    public void setResequencerMaxBytes(DataSize resequencerMaxBytes) {
        this.resequencerMaxBytes = resequencerMaxBytes;
    }

    public Duration getResequencerMaxHold() {
        return resequencerMaxHold;
    }

    @ConfigKey("resequencer-max-hold")
    @ConfigDescription("longest a packet waits for a missing predecessor")
    public void setResequencerMaxHold(Duration resequencerMaxHold) {
        this.resequencerMaxHold = resequencerMaxHold;
    }

    public Duration getMinRto() {
        return minRto;
    }

    @ConfigKey("min-rto")
    @ConfigDescription("lower bound of each link's retransmission timeout (no 1 s floor, as RFC 4341 allows)")
    public void setMinRto(Duration minRto) {
        this.minRto = minRto;
    }

    public Duration getGrowthQueueDelay() {
        return growthQueueDelay;
    }

    @ConfigKey("growth-queue-delay")
    @ConfigDescription("a link's window grows only while its RTT is within min RTT + max(this, min RTT/4); 0s = plain CCID2")
    public void setGrowthQueueDelay(Duration growthQueueDelay) {
        this.growthQueueDelay = growthQueueDelay;
    }

    public boolean isAlignDelay() {
        return alignDelay;
    }

    @ConfigKey("align-delay")
    @ConfigDescription("deliver every packet at its send time + the largest base delay of the links that are up: "
            + "one steady delay for a TCP flow spread over links of unequal delay (costs latency on the faster links; "
            + "for schedulers that use every link at every load: proportional, round-robin, weighted)")
    public void setAlignDelay(boolean alignDelay) {
        this.alignDelay = alignDelay;
    }

    public boolean isRepairLosses() {
        return repairLosses;
    }

    @ConfigKey("repair-losses")
    @ConfigDescription("send a packet a link lost again on the fastest link with room and hold the packets behind it "
            + "until it comes: a TCP flow sees delay instead of a loss (default on; costs latency on a loss; off = "
            + "every link loss reaches the inner flow, as in the paper)")
    public void setRepairLosses(boolean repairLosses) {
        this.repairLosses = repairLosses;
    }

    public Duration getRepairMaxAge() {
        return repairMaxAge;
    }

    @ConfigKey("repair-max-age")
    @ConfigDescription("a lost packet is sent again only this long after it was first sent")
    public void setRepairMaxAge(Duration repairMaxAge) {
        this.repairMaxAge = repairMaxAge;
    }

    public int getAckRatio() {
        return ackRatio;
    }

    @ConfigKey("ack-ratio")
    @ConfigMin(1)
    @ConfigMax(16)
    @ConfigDescription("data packets per ack")
    public void setAckRatio(int ackRatio) {
        this.ackRatio = ackRatio;
    }

    public int getBusyAckRatio() {
        return busyAckRatio;
    }

    @ConfigKey("busy-ack-ratio")
    @ConfigMin(1)
    @ConfigMax(64)
    @ConfigDescription("data packets per ack on a link that receives at least this many per 2 x delayed-ack (fewer acks leave room for the reverse direction's data); <= ack-ratio turns it off")
    public void setBusyAckRatio(int busyAckRatio) {
        this.busyAckRatio = busyAckRatio;
    }

    public Duration getDelayedAck() {
        return delayedAck;
    }

    @ConfigKey("delayed-ack")
    @ConfigDescription("longest an ack waits for its second packet")
    public void setDelayedAck(Duration delayedAck) {
        this.delayedAck = delayedAck;
    }

    public List<String> getLinkWeights() {
        return linkWeights;
    }

    @ConfigKey("link-weights")
    @ConfigDescription("weights for the weighted scheduler, e.g. [wan:8, lte:2]")
    public void setLinkWeights(List<String> linkWeights) {
        this.linkWeights = linkWeights;
    }

    public RealtimeConfig getRealtime() {
        return realtime;
    }

    @ConfigKey("realtime")
    @ConfigDescription("inner flows and their latency class: classify, rules, small-packet-bytes, low-rate, grow-factor, hold-down, min-packets, max-flows, flow-idle")
    public void setRealtime(RealtimeConfig realtime) {
        this.realtime = realtime;
    }
}
