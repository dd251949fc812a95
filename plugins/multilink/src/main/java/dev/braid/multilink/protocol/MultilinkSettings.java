package dev.braid.multilink.protocol;

import java.util.Objects;

/**
 * Tunables of the multilink protocol core. Durations are nanoseconds. Use {@link #defaults()} or
 * {@link #builder()}; the constructor validates.
 *
 * @param scheduler                  scheduler name, see {@link Schedulers#names()}
 * @param congestionControl          congestion control name, see {@link CongestionControls#names()}
 * @param noRoomPolicy               drop or queue when no link has room
 * @param sharedQueuePackets         bound of the sender-wide queue ({@link NoRoomPolicy#QUEUE})
 * @param sharedQueueMaxDelayNanos   ...and in waiting time: a packet queued longer is dropped;
 *                                   {@link #QUEUE_DELAY_ONE_RTT}: the largest base RTT of the
 *                                   links that are up, at least 100 ms (one round trip of the
 *                                   slowest link, the buffer a loss-based inner flow needs to
 *                                   stay at full rate after it cuts its window)
 * @param linkQueuePackets           bound of each link's own queue (used by schedulers that pick
 *                                   a full link, e.g. earliest-arrival); 0 disables
 * @param mssBytes                   packet size used for RFC 3390's initial window
 * @param initialRtoNanos            RTO before the first RTT sample (RFC 6298: 1 s)
 * @param minRtoNanos                RTO floor (Linux tcp_rto_min 200 ms; RFC 6298's 1 s is waived)
 * @param maxRtoNanos                RTO ceiling after back-off (64 s like Linux)
 * @param clockGranularityNanos      G in RFC 6298 and in the resequencer hold time
 * @param slowStartAckedPerIncrement 1: cwnd+1 per acked packet (RFC 4341/5681); 2: per 2 (Linux)
 * @param maxCwndPackets             cwnd cap (bounds the per-link history)
 * @param windowValidation           RFC 2861 congestion-window validation on/off
 * @param ackRatio                   receiver acks every ackRatio-th data packet on a link
 * @param delayedAckNanos            ...and at the latest this long after an unacked packet
 * @param busyAckRatio               ...but every busyAckRatio-th packet on a busy link, one whose
 *                                   last busyAckRatio packets arrived within 2 x delayedAckNanos
 *                                   (ack decimation, as QUIC stacks do: each ack costs a packet on
 *                                   the reverse path, where the other direction's data needs the
 *                                   room); <= ackRatio turns it off
 * @param ackVectorPackets           link seqs covered by the receiver's ack history per link
 * @param resequencerMaxPackets      resequencer bound in packets (also bounds the seq span)
 * @param resequencerMaxBytes        resequencer bound in bytes
 * @param resequencerMaxHoldNanos    longest a buffered packet waits behind a hole
 * @param resequencerInitialHoldNanos hold used before any one-way-delay sample exists
 * @param owdBaselineWindowNanos     window of the min-filter for the relative-OWD baseline
 * @param growthQueueDelayNanos      cwnd grows only while the latest RTT sample is at most
 *                                   min RTT + max(this, min RTT / 4), i.e. while the link's
 *                                   bottleneck queue is short; 0 = grow regardless (plain CCID2)
 * @param alignDelay                 resequencer releases every packet at its send time plus the
 *                                   largest base one-way delay of the links that are up, so the
 *                                   inner flow sees one steady delay whichever link carried it
 * @param resequencerHoldSlackNanos  least wait for a hole beyond a link's smoothed one-way delay
 *                                   (RFC 6298's G in the hold bound): giving up early turns delay
 *                                   jitter into a loss of the inner flow, waiting costs delay only
 * @param repairLosses               a packet a link lost (3 later acks, an RTO, the link going
 *                                   down) is sent again on the link with room and the shortest
 *                                   RTT, and the resequencer waits for it instead of skipping the
 *                                   hole; the inner flow sees delay instead of a loss. Off = the
 *                                   paper's behaviour (every link loss reaches the inner flow)
 * @param repairMaxAgeNanos          a packet is repaired only this long after it was first sent
 * @param realtime                   how realtime flows' packets are placed and copied
 * @param queue                      the shared queue's discipline (FQ-CoDel or FIFO) and the copies' budget
 * @param flows                      the inner-flow table and latency classifier ({@link FlowTable})
 */
public record MultilinkSettings(
        String scheduler,
        String congestionControl,
        NoRoomPolicy noRoomPolicy,
        int sharedQueuePackets,
        long sharedQueueMaxDelayNanos,
        int linkQueuePackets,
        int mssBytes,
        long initialRtoNanos,
        long minRtoNanos,
        long maxRtoNanos,
        long clockGranularityNanos,
        int slowStartAckedPerIncrement,
        int maxCwndPackets,
        boolean windowValidation,
        int ackRatio,
        long delayedAckNanos,
        int busyAckRatio,
        int ackVectorPackets,
        int resequencerMaxPackets,
        long resequencerMaxBytes,
        long resequencerMaxHoldNanos,
        long resequencerInitialHoldNanos,
        long owdBaselineWindowNanos,
        long growthQueueDelayNanos,
        boolean alignDelay,
        long resequencerHoldSlackNanos,
        boolean repairLosses,
        long repairMaxAgeNanos,
        RealtimeSettings realtime,
        QueueSettings queue,
        FlowSettings flows) {

    private static final long MS = 1_000_000L;
    /** {@link #sharedQueueMaxDelayNanos()} that follows the links: the largest base RTT among them, at least 100 ms. */
    public static final long QUEUE_DELAY_ONE_RTT = 0;
    /**
     * Floor of the one-RTT bound: links of a few ms (a LAN, loopback) would otherwise leave no
     * room for a burst; 100 ms is CoDel's interval, the RTT the Internet's buffers are sized for.
     */
    public static final long MIN_ONE_RTT_QUEUE_DELAY_NANOS = 100 * MS;

    public MultilinkSettings {
        Objects.requireNonNull(scheduler, "scheduler");
        Objects.requireNonNull(congestionControl, "congestionControl");
        Objects.requireNonNull(noRoomPolicy, "noRoomPolicy");
        require(sharedQueuePackets >= 0, "sharedQueuePackets must be >= 0");
        require(sharedQueueMaxDelayNanos >= 0, "sharedQueueMaxDelayNanos must be >= 0");
        require(linkQueuePackets >= 0, "linkQueuePackets must be >= 0");
        require(mssBytes > 0, "mssBytes must be > 0");
        require(minRtoNanos > 0, "minRtoNanos must be > 0");
        require(initialRtoNanos >= minRtoNanos, "initialRtoNanos must be >= minRtoNanos");
        require(maxRtoNanos >= initialRtoNanos, "maxRtoNanos must be >= initialRtoNanos");
        require(clockGranularityNanos > 0, "clockGranularityNanos must be > 0");
        require(slowStartAckedPerIncrement >= 1, "slowStartAckedPerIncrement must be >= 1");
        require(maxCwndPackets >= 4, "maxCwndPackets must be >= 4");
        require(ackRatio >= 1, "ackRatio must be >= 1");
        require(delayedAckNanos > 0, "delayedAckNanos must be > 0");
        require(busyAckRatio >= 1, "busyAckRatio must be >= 1");
        require(ackVectorPackets >= 1 && ackVectorPackets <= AckMessage.MAX_VECTOR_BYTES,
                "ackVectorPackets must be in 1.." + AckMessage.MAX_VECTOR_BYTES);
        require(resequencerMaxPackets >= 1 && resequencerMaxPackets <= (1 << 24),
                "resequencerMaxPackets must be in 1..2^24");
        require(resequencerMaxBytes >= 1, "resequencerMaxBytes must be >= 1");
        require(resequencerMaxHoldNanos > 0, "resequencerMaxHoldNanos must be > 0");
        require(resequencerInitialHoldNanos > 0, "resequencerInitialHoldNanos must be > 0");
        require(resequencerHoldSlackNanos >= 0, "resequencerHoldSlackNanos must be >= 0");
        require(owdBaselineWindowNanos > 0, "owdBaselineWindowNanos must be > 0");
        require(growthQueueDelayNanos >= 0, "growthQueueDelayNanos must be >= 0");
        require(repairMaxAgeNanos > 0, "repairMaxAgeNanos must be > 0");
        Objects.requireNonNull(realtime, "realtime");
        Objects.requireNonNull(queue, "queue");
        Objects.requireNonNull(flows, "flows");
    }

    private static void require(boolean ok, String message) {
        if (!ok) {
            throw new IllegalArgumentException(message);
        }
    }

    /** Defaults: paper behaviour (most-free-window, CCID2, drop) with Linux-like timers. */
    public static MultilinkSettings defaults() {
        return builder().build();
    }

    public static Builder builder() {
        return new Builder();
    }

    public Builder toBuilder() {
        Builder b = new Builder();
        b.scheduler = scheduler;
        b.congestionControl = congestionControl;
        b.noRoomPolicy = noRoomPolicy;
        b.sharedQueuePackets = sharedQueuePackets;
        b.sharedQueueMaxDelayNanos = sharedQueueMaxDelayNanos;
        b.linkQueuePackets = linkQueuePackets;
        b.mssBytes = mssBytes;
        b.initialRtoNanos = initialRtoNanos;
        b.minRtoNanos = minRtoNanos;
        b.maxRtoNanos = maxRtoNanos;
        b.clockGranularityNanos = clockGranularityNanos;
        b.slowStartAckedPerIncrement = slowStartAckedPerIncrement;
        b.maxCwndPackets = maxCwndPackets;
        b.windowValidation = windowValidation;
        b.ackRatio = ackRatio;
        b.delayedAckNanos = delayedAckNanos;
        b.busyAckRatio = busyAckRatio;
        b.ackVectorPackets = ackVectorPackets;
        b.resequencerMaxPackets = resequencerMaxPackets;
        b.resequencerMaxBytes = resequencerMaxBytes;
        b.resequencerMaxHoldNanos = resequencerMaxHoldNanos;
        b.resequencerInitialHoldNanos = resequencerInitialHoldNanos;
        b.owdBaselineWindowNanos = owdBaselineWindowNanos;
        b.growthQueueDelayNanos = growthQueueDelayNanos;
        b.alignDelay = alignDelay;
        b.resequencerHoldSlackNanos = resequencerHoldSlackNanos;
        b.repairLosses = repairLosses;
        b.repairMaxAgeNanos = repairMaxAgeNanos;
        b.realtime = realtime;
        b.queue = queue;
        b.flows = flows;
        return b;
    }

    /** Mutable builder starting from the defaults. */
    public static final class Builder {
        private String scheduler = "most-free-window";
        private String congestionControl = "ccid2";
        private NoRoomPolicy noRoomPolicy = NoRoomPolicy.DROP;
        private int sharedQueuePackets = 256;
        private long sharedQueueMaxDelayNanos = Long.MAX_VALUE;
        private int linkQueuePackets = 0;
        private int mssBytes = 1400;
        private long initialRtoNanos = 1000 * MS;
        private long minRtoNanos = 200 * MS;
        private long maxRtoNanos = 64_000 * MS;
        private long clockGranularityNanos = 1 * MS;
        private int slowStartAckedPerIncrement = 1;
        private int maxCwndPackets = 65_536;
        private boolean windowValidation = true;
        private int ackRatio = 2;
        private long delayedAckNanos = 10 * MS;
        private int busyAckRatio = 2;
        private int ackVectorPackets = 256;
        private int resequencerMaxPackets = 8192;
        private long resequencerMaxBytes = 16L << 20;
        private long resequencerMaxHoldNanos = 1000 * MS;
        private long resequencerInitialHoldNanos = 200 * MS;
        private long owdBaselineWindowNanos = 60_000 * MS;
        private long growthQueueDelayNanos = 10 * MS;
        private boolean alignDelay = false;
        private long resequencerHoldSlackNanos = 10 * MS;
        private boolean repairLosses = false;
        private long repairMaxAgeNanos = 500 * MS;
        private RealtimeSettings realtime = RealtimeSettings.defaults();
        private QueueSettings queue = QueueSettings.defaults().toBuilder().aqm(false).build(); // the paper's FIFO
        private FlowSettings flows = FlowSettings.defaults();

        public Builder scheduler(String v) { scheduler = v; return this; }
        public Builder congestionControl(String v) { congestionControl = v; return this; }
        public Builder noRoomPolicy(NoRoomPolicy v) { noRoomPolicy = v; return this; }
        public Builder sharedQueuePackets(int v) { sharedQueuePackets = v; return this; }
        public Builder sharedQueueMaxDelayNanos(long v) { sharedQueueMaxDelayNanos = v; return this; }
        public Builder linkQueuePackets(int v) { linkQueuePackets = v; return this; }
        public Builder mssBytes(int v) { mssBytes = v; return this; }
        public Builder initialRtoNanos(long v) { initialRtoNanos = v; return this; }
        public Builder minRtoNanos(long v) { minRtoNanos = v; return this; }
        public Builder maxRtoNanos(long v) { maxRtoNanos = v; return this; }
        public Builder clockGranularityNanos(long v) { clockGranularityNanos = v; return this; }
        public Builder slowStartAckedPerIncrement(int v) { slowStartAckedPerIncrement = v; return this; }
        public Builder maxCwndPackets(int v) { maxCwndPackets = v; return this; }
        public Builder windowValidation(boolean v) { windowValidation = v; return this; }
        public Builder ackRatio(int v) { ackRatio = v; return this; }
        public Builder delayedAckNanos(long v) { delayedAckNanos = v; return this; }
        public Builder busyAckRatio(int v) { busyAckRatio = v; return this; }
        public Builder ackVectorPackets(int v) { ackVectorPackets = v; return this; }
        public Builder resequencerMaxPackets(int v) { resequencerMaxPackets = v; return this; }
        public Builder resequencerMaxBytes(long v) { resequencerMaxBytes = v; return this; }
        public Builder resequencerMaxHoldNanos(long v) { resequencerMaxHoldNanos = v; return this; }
        public Builder resequencerInitialHoldNanos(long v) { resequencerInitialHoldNanos = v; return this; }
        public Builder owdBaselineWindowNanos(long v) { owdBaselineWindowNanos = v; return this; }
        public Builder growthQueueDelayNanos(long v) { growthQueueDelayNanos = v; return this; }
        public Builder alignDelay(boolean v) { alignDelay = v; return this; }
        public Builder resequencerHoldSlackNanos(long v) { resequencerHoldSlackNanos = v; return this; }
        public Builder repairLosses(boolean v) { repairLosses = v; return this; }
        public Builder repairMaxAgeNanos(long v) { repairMaxAgeNanos = v; return this; }
        public Builder realtime(RealtimeSettings v) { realtime = v; return this; }
        public Builder queue(QueueSettings v) { queue = v; return this; }
        public Builder flows(FlowSettings v) { flows = v; return this; }

        public MultilinkSettings build() {
            return new MultilinkSettings(scheduler, congestionControl, noRoomPolicy,
                    sharedQueuePackets, sharedQueueMaxDelayNanos, linkQueuePackets, mssBytes, initialRtoNanos, minRtoNanos,
                    maxRtoNanos, clockGranularityNanos, slowStartAckedPerIncrement,
                    maxCwndPackets, windowValidation, ackRatio, delayedAckNanos,
                    busyAckRatio, ackVectorPackets, resequencerMaxPackets, resequencerMaxBytes,
                    resequencerMaxHoldNanos, resequencerInitialHoldNanos, owdBaselineWindowNanos,
                    growthQueueDelayNanos, alignDelay, resequencerHoldSlackNanos, repairLosses,
                    repairMaxAgeNanos, realtime, queue, flows);
        }
    }
}
