package dev.braid.multilink.protocol;

/**
 * CCID2 (RFC 4341) sender congestion control, counted in packets, after Linux
 * {@code net/dccp/ccids/ccid2.c} with its known flaws fixed:
 * <ul>
 *   <li>initial cwnd = RFC 3390 window in packets (4 / 3 / 2 for MSS up to 1095 / 2190 / more);
 *       ssthresh starts "arbitrarily high" ({@link Integer#MAX_VALUE});</li>
 *   <li>slow start: +1 per {@code slowStartAckedPerIncrement} newly acked packets (default 1,
 *       i.e. doubling per RTT as RFC 4341 §5 / TCP; 2 reproduces Linux's ×1.5 per RTT); congestion
 *       avoidance: +1 per cwnd packets acked; growth only while cwnd is the limit (as Linux
 *       {@code tcp_is_cwnd_limited}, RFC 7661: in slow start cwnd < 2 x the largest pipe since the
 *       previous ack, in congestion avoidance that pipe >= cwnd), so an application-limited
 *       sender does not inflate a window it never tested;</li>
 *   <li>loss: a packet is lost once 3 packets sent after it are acked (RFC 4341 NUMDUPACK);
 *       response cwnd = max(cwnd/2, 1), ssthresh = max(cwnd, 2), and losses of packets sent
 *       before the last reduction are ignored (one reduction per RTT);</li>
 *   <li>RTT sample only from the ack-number packet minus the receiver's ack delay (Linux samples
 *       every acked entry: its FIXME); RTO per RFC 6298 with a configurable floor (200 ms) instead
 *       of 1 s, initial RTO 1 s (RFC 6298; Linux uses 3 s), back-off ×2 up to the max;</li>
 *   <li>RTO expiry: ssthresh = max(cwnd/2, 2), cwnd = 1, pipe = 0, history forgotten. With pipe 0
 *       and cwnd 1 one packet may go at once: that packet probes the link back into use;</li>
 *   <li>RFC 2861 window validation as Linux: after an idle period >= RTO (pipe 0) ssthresh =
 *       max(ssthresh, 3/4 cwnd) and cwnd is halved per idle RTO, not below min(cwnd, IW); when
 *       application-limited for an RTO, cwnd = (cwnd + max(used, IW)) / 2.</li>
 * </ul>
 * No retransmissions, so there is no fast recovery and no Karn ambiguity. (A repair of a lost
 * packet, {@link MultilinkSettings#repairLosses()}, is a new packet with a new link seq to CCID2.)
 *
 * <p>Tunnel addition ({@link MultilinkSettings#growthQueueDelayNanos()}, 0 turns it off): cwnd
 * grows only while the latest RTT sample is within min RTT + max(that delay, min RTT / 4). The
 * packets are an inner flow's (e.g. TCP's) and are never retransmitted, so every drop a link's
 * probing causes at its bottleneck is a loss the inner flow must absorb; with two links each
 * probing on its own (the short-RTT one often) the inner flow, whose RTT is the slow link's,
 * backs off far below the sum of the links. Stopping growth once a queue builds keeps each
 * link's bottleneck busy without overflowing it; the excess waits in the sender's queue and the
 * inner flow's own congestion control sees it as delay.
 *
 * <p>Variant {@value #WESTWOOD_NAME} ({@link #westwood}): a loss sets the window (an RTO sets
 * ssthresh) to the larger of half the window and the pipe the link was measured to carry, its
 * bandwidth estimate x min RTT (TCP Westwood+, {@link DeliveryRateEstimator}), never above the
 * window it had. A link that overflowed its bottleneck queue once then keeps a
 * full pipe instead of climbing back from half of it at +1 packet per RTT (at 50 Mbit/s and
 * 100 ms RTT about 22 s); with {@link MultilinkSettings#repairLosses()} the inner flow sees no
 * loss either, so nothing else slows down. A loss that looks random (radio) rather than like
 * congestion, i.e. the latest RTT shows no queue beyond the growth limit and few packets were lost
 * since the last reduction, costs only a fifth of the window (TCP Veno), still not below the
 * measured pipe, and leaves ssthresh alone, also on an RTO: slow start goes on until a queue
 * shows. A policer or a shallow buffer dropping without a queue loses many packets in the round
 * after its first loss, which then counts as congestion. In congestion avoidance far below the
 * window it had before its last reduction it grows x1.25 per RTT, near it one packet per RTT
 * ({@code RETURN_ACKED_PER_INCREMENT}).
 */
public final class Ccid2 implements CongestionControl {
    public static final String NAME = "ccid2";
    public static final String WESTWOOD_NAME = "ccid2-westwood";

    /** Number of later acked packets that make an unacked packet lost (RFC 4341 §5). */
    static final int NUMDUPACK = SentPacketLog.NUMDUPACK;

    /**
     * Westwood: losses are random only while at most a window / this many packets were lost since
     * the last reduction (about one round), or this few: two losses in a small window are no sign
     * of a policer.
     */
    static final int RANDOM_LOSS_MAX_SHARE = 20;
    static final int RANDOM_LOSS_MIN_COUNT = 2;

    /**
     * Westwood, congestion avoidance more than a fifth below the window of the last reduction:
     * +1 per this many acked packets (x1.25 per RTT) instead of +1 per window, as CUBIC returns
     * quickly towards the window where it last lost and slowly near it. A window that a loss (or a
     * stall of the receiving process that looked like one) left far below the pipe otherwise
     * climbs back at one packet per RTT, at 50 Mbit/s and 100 ms RTT 12 s for a quarter of the
     * pipe. Near the last window the growth is slow as before, so a shallow buffer is not hit
     * every round; the growth limit stops either once a queue shows.
     */
    static final int RETURN_ACKED_PER_INCREMENT = 4;

    private final MultilinkSettings settings;
    private final String name;
    /** Westwood+ floor for the window after a loss; null = plain halving. */
    private final DeliveryRateEstimator lossFloor;
    private final int initialWindow;
    private final LinkRtt rtt;
    private final SentPacketLog log = new SentPacketLog(0);
    /** Passes each packet's fate on, growing the window per acked packet and reducing it on loss. */
    private final Fates fates = new Fates();
    private long minRttNanos = Long.MAX_VALUE;
    private long latestRttNanos;

    private int cwnd;
    private int ssthresh = Integer.MAX_VALUE;
    private int ackedSinceIncrement;
    /** Largest pipe since the last ack: decides whether cwnd was the limit (may grow). */
    private int maxPipeSinceAck;
    private long timerDeadline = Long.MAX_VALUE;

    /** Losses of packets below this seq do not reduce cwnd again. */
    private long recoverySeq;
    /** Packets lost since the last reduction (Westwood's random-loss test). */
    private long lostSinceReduction;
    /** cwnd just before the last reduction (Westwood returns to it quickly); 0 before any. */
    private int windowBeforeReduction;

    // RFC 2861 window validation.
    private boolean sentBefore;
    private long lastSendNanos;
    private long cwndStampNanos;
    private int cwndUsed;

    public Ccid2(MultilinkSettings settings) {
        this(settings, NAME, null);
    }

    /** CCID2 whose loss response keeps the window at the measured pipe size (class comment). */
    public static Ccid2 westwood(MultilinkSettings settings) {
        return new Ccid2(settings, WESTWOOD_NAME, new DeliveryRateEstimator());
    }

    private Ccid2(MultilinkSettings settings, String name, DeliveryRateEstimator lossFloor) {
        this.settings = settings;
        this.name = name;
        this.lossFloor = lossFloor;
        this.initialWindow = initialWindow(settings.mssBytes());
        this.cwnd = initialWindow;
        this.rtt = new LinkRtt(settings);
    }

    /** RFC 3390 initial window in packets, as Linux {@code rfc3390_bytes_to_packets}. */
    public static int initialWindow(int mss) {
        return mss <= 1095 ? 4 : (mss <= 2190 ? 3 : 2);
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public boolean canSend() {
        return log.pipe() < cwnd;
    }

    @Override
    public void onSent(long nowNanos, long linkSeq) {
        if (linkSeq != log.head()) {
            throw new IllegalArgumentException("link seq " + linkSeq + " sent, expected " + log.head());
        }
        if (settings.windowValidation() && sentBefore && log.pipe() == 0
                && nowNanos - lastSendNanos >= rtt.rto()) {
            restartAfterIdle(nowNanos);
        }
        if (!sentBefore) {
            cwndStampNanos = nowNanos;
        }
        sentBefore = true;
        lastSendNanos = nowNanos;
        log.add(linkSeq, nowNanos);
        maxPipeSinceAck = Math.max(maxPipeSinceAck, log.pipe());
        if (timerDeadline == Long.MAX_VALUE) {
            timerDeadline = nowNanos + rtt.rto();
        }
        if (settings.windowValidation()) {
            trackWindowUse(nowNanos);
        }
    }

    @Override
    public AckOutcome onAck(long nowNanos, AckInfo ack, PacketFates fates) {
        if (!log.wasSent(ack.ackNumber())) {
            return AckOutcome.NONE; // acks something never sent: ignore the whole ack
        }
        boolean ackNumberOutstanding = log.isOutstanding(ack.ackNumber());
        this.fates.start(fates, cwnd < ssthresh ? cwnd < 2 * maxPipeSinceAck : maxPipeSinceAck >= cwnd);
        int newlyAcked = log.ack(ack, this.fates);
        if (ackNumberOutstanding && !log.isOutstanding(ack.ackNumber())) {
            sampleRtt(nowNanos - log.sentAt(ack.ackNumber()), ack.ackDelayNanos());
        }
        if (lossFloor != null && newlyAcked > 0) {
            lossFloor.onAcked(nowNanos, newlyAcked, this.fates.cwndLimited, rtt.smoothed());
        }
        int lost = log.detectLosses(this.fates);
        log.trim();
        timerDeadline = log.pipe() == 0 ? Long.MAX_VALUE : nowNanos + rtt.rto();
        maxPipeSinceAck = log.pipe();
        return new AckOutcome(newlyAcked, lost, this.fates.reduced);
    }

    /**
     * What one ack did to single packets, passed on to the caller's {@link PacketFates}:
     * each acked packet may grow the window (if cwnd was the limit), the first loss of a packet
     * sent after the last reduction reduces it.
     */
    private final class Fates implements PacketFates {
        private PacketFates next = PacketFates.IGNORE;
        private boolean cwndLimited;
        private boolean reduced;

        void start(PacketFates next, boolean cwndLimited) {
            this.next = next;
            this.cwndLimited = cwndLimited;
            this.reduced = false;
        }

        @Override
        public void acked(long linkSeq) {
            next.acked(linkSeq);
            if (cwndLimited) {
                grow();
            }
        }

        @Override
        public void lost(long linkSeq) {
            lostSinceReduction++;
            next.lost(linkSeq);
            if (linkSeq >= recoverySeq) {
                reduce();
                reduced = true;
            }
        }
    }

    private void reduce() {
        windowBeforeReduction = cwnd;
        if (lossFloor != null && randomLoss()) {
            // TCP Veno: a loss without a backlog costs a fifth, and slow start goes on.
            cwnd = Math.max(cwnd - cwnd / 5, measuredPipe());
        } else {
            cwnd = windowAfterLoss();
            ssthresh = Math.max(cwnd, 2);
        }
        recoverySeq = log.head();
        ackedSinceIncrement = 0;
        lostSinceReduction = 0;
    }

    /**
     * A loss looks random (radio), not like congestion, when the latest RTT shows no queue beyond
     * the growth limit and few packets were lost since the last reduction: an overflowing queue
     * shows in the RTT, and a policer or a shallow buffer that drops without a queue loses many
     * packets in the round after the first loss.
     */
    private boolean randomLoss() {
        return settings.growthQueueDelayNanos() > 0 && minRttNanos != Long.MAX_VALUE && !queueBuilding()
                && lostSinceReduction <= Math.max(RANDOM_LOSS_MIN_COUNT, cwnd / RANDOM_LOSS_MAX_SHARE);
    }

    /** Half the window, or for Westwood the measured pipe size if that is more (never more than now). */
    private int windowAfterLoss() {
        int halved = Math.max(cwnd / 2, 1);
        if (lossFloor == null || minRttNanos == Long.MAX_VALUE) {
            return halved;
        }
        return Math.max(halved, measuredPipe());
    }

    /** Westwood: what the link delivers in its min RTT at the estimated rate, never above cwnd. */
    private int measuredPipe() {
        return Math.min(cwnd, lossFloor.window(minRttNanos));
    }

    private void grow() {
        if (queueBuilding()) {
            return;
        }
        ackedSinceIncrement++;
        int needed = cwnd < ssthresh ? settings.slowStartAckedPerIncrement() : congestionAvoidanceAckedPerIncrement();
        if (ackedSinceIncrement >= needed) {
            ackedSinceIncrement = 0;
            if (cwnd < settings.maxCwndPackets()) {
                cwnd++;
            }
        }
    }

    /** Acked packets per +1 in congestion avoidance: a window (one per RTT), or fewer for Westwood far below its last window. */
    private int congestionAvoidanceAckedPerIncrement() {
        boolean farBelow = lossFloor != null && cwnd < windowBeforeReduction - windowBeforeReduction / 5;
        return farBelow ? Math.min(cwnd, RETURN_ACKED_PER_INCREMENT) : cwnd;
    }

    /** True when the latest RTT sample shows a queue beyond the growth limit (never without samples). */
    private boolean queueBuilding() {
        long limit = settings.growthQueueDelayNanos();
        if (limit == 0 || minRttNanos == Long.MAX_VALUE) {
            return false;
        }
        return latestRttNanos > minRttNanos + Math.max(limit, minRttNanos / 4);
    }

    private void sampleRtt(long raw, long ackDelay) {
        long sample = rtt.sample(raw, ackDelay);
        latestRttNanos = sample;
        minRttNanos = Math.min(minRttNanos, sample);
    }

    @Override
    public long nextTimeoutNanos() {
        return timerDeadline;
    }

    @Override
    public boolean onTimeout(long nowNanos, PacketFates fates) {
        if (nowNanos < timerDeadline) {
            return false;
        }
        lostSinceReduction += log.loseAll(fates); // forget everything in flight
        rtt.backOff();
        windowBeforeReduction = cwnd;
        if (lossFloor == null || !randomLoss()) {
            // Westwood keeps slow start after the loss of a small window's tail (one or two
            // packets) on a link that showed no queue: an app-limited window's loss is an RTO.
            ssthresh = Math.max(windowAfterLoss(), 2);
        }
        cwnd = 1;
        maxPipeSinceAck = 0;
        recoverySeq = log.head();
        ackedSinceIncrement = 0;
        lostSinceReduction = 0;
        timerDeadline = Long.MAX_VALUE;
        return true;
    }

    private void restartAfterIdle(long nowNanos) {
        long idle = nowNanos - lastSendNanos;
        ssthresh = Math.max(ssthresh, cwnd / 2 + cwnd / 4);
        int restart = Math.min(cwnd, initialWindow);
        int c = cwnd;
        while ((idle -= rtt.rto()) >= 0 && c > restart) {
            c >>= 1;
        }
        cwnd = Math.max(c, restart);
        cwndStampNanos = nowNanos;
        cwndUsed = 0;
    }

    private void trackWindowUse(long nowNanos) {
        int pipe = log.pipe();
        if (pipe >= cwnd) {
            cwndUsed = 0; // network-limited: the window is fully used
            cwndStampNanos = nowNanos;
            return;
        }
        cwndUsed = Math.max(cwndUsed, pipe);
        if (nowNanos - cwndStampNanos >= rtt.rto()) {
            int used = Math.max(cwndUsed, initialWindow);
            if (used < cwnd) {
                ssthresh = Math.max(ssthresh, cwnd / 2 + cwnd / 4);
                cwnd = (cwnd + used) / 2;
            }
            cwndUsed = 0;
            cwndStampNanos = nowNanos;
        }
    }

    @Override
    public int cwnd() {
        return cwnd;
    }

    @Override
    public int ssthresh() {
        return ssthresh;
    }

    @Override
    public int pipe() {
        return log.pipe();
    }

    @Override
    public long srttNanos() {
        return rtt.smoothed();
    }

    @Override
    public long rttvarNanos() {
        return rtt.variance();
    }

    @Override
    public long rtoNanos() {
        return rtt.rto();
    }

    @Override
    public long minRttNanos() {
        return minRttNanos == Long.MAX_VALUE ? 0 : minRttNanos;
    }

    @Override
    public boolean hasRttSample() {
        return rtt.hasSample();
    }

    @Override
    public void releaseIdle() {
        log.releaseIdle();
    }

    /** Link seqs still tracked (tail..head), for tests of bounded state. */
    int historySize() {
        return log.size();
    }

    /** Link seqs the history has room for now, for tests of released state. */
    int historyCapacity() {
        return log.capacity();
    }
}
