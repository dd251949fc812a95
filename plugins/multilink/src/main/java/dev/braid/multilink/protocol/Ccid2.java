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
    static final int NUMDUPACK = 3;

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

    private static final byte OUTSTANDING = 0;
    private static final byte ACKED = 1;
    private static final byte LOST = 2;

    private final MultilinkSettings settings;
    private final String name;
    /** Westwood+ floor for the window after a loss; null = plain halving. */
    private final DeliveryRateEstimator lossFloor;
    private final int initialWindow;
    private final Rfc6298Estimator rtt = new Rfc6298Estimator();
    private long minRttNanos = Long.MAX_VALUE;
    private long latestRttNanos;

    private int cwnd;
    private int ssthresh = Integer.MAX_VALUE;
    private int pipe;
    private int ackedSinceIncrement;
    /** Largest pipe since the last ack: decides whether cwnd was the limit (may grow). */
    private int maxPipeSinceAck;
    private long rto;
    private long timerDeadline = Long.MAX_VALUE;

    /** Losses of packets below this seq do not reduce cwnd again. */
    private long recoverySeq;
    /** Packets lost since the last reduction (Westwood's random-loss test). */
    private long lostSinceReduction;
    /** cwnd just before the last reduction (Westwood returns to it quickly); 0 before any. */
    private int windowBeforeReduction;

    // Packet history: seqs [tail, head) live in a ring indexed by seq & mask.
    private long[] sentAt = new long[64];
    private byte[] state = new byte[64];
    private long tail;
    private long head;
    private long highAcked = -1;

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
        this.rto = settings.initialRtoNanos();
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
        return pipe < cwnd;
    }

    @Override
    public void onSent(long nowNanos, long linkSeq) {
        if (linkSeq != head) {
            throw new IllegalArgumentException("link seq " + linkSeq + " sent, expected " + head);
        }
        if (settings.windowValidation() && sentBefore && pipe == 0
                && nowNanos - lastSendNanos >= rto) {
            restartAfterIdle(nowNanos);
        }
        if (!sentBefore) {
            cwndStampNanos = nowNanos;
        }
        sentBefore = true;
        lastSendNanos = nowNanos;
        ensureCapacity();
        int i = index(head);
        sentAt[i] = nowNanos;
        state[i] = OUTSTANDING;
        head++;
        pipe++;
        maxPipeSinceAck = Math.max(maxPipeSinceAck, pipe);
        if (timerDeadline == Long.MAX_VALUE) {
            timerDeadline = nowNanos + rto;
        }
        if (settings.windowValidation()) {
            trackWindowUse(nowNanos);
        }
    }

    @Override
    public AckOutcome onAck(long nowNanos, AckInfo ack, PacketFates fates) {
        if (ack.ackNumber() >= head || ack.ackNumber() < 0) {
            return AckOutcome.NONE; // acks something never sent: ignore the whole ack
        }
        int newlyAcked = 0;
        boolean ackNumberNew = false;
        boolean cwndLimited = cwnd < ssthresh ? cwnd < 2 * maxPipeSinceAck : maxPipeSinceAck >= cwnd;
        for (int r = 0; r < ack.rangeCount(); r++) {
            long hi = Math.min(ack.rangeHigh(r), head - 1);
            long lo = Math.max(ack.rangeLow(r), tail);
            for (long s = hi; s >= lo; s--) {
                int i = index(s);
                if (state[i] != OUTSTANDING) {
                    continue;
                }
                state[i] = ACKED;
                pipe--;
                newlyAcked++;
                fates.acked(s);
                if (cwndLimited) {
                    grow();
                }
                if (s == ack.ackNumber()) {
                    ackNumberNew = true;
                }
                if (s > highAcked) {
                    highAcked = s;
                }
            }
        }
        if (ackNumberNew) {
            sampleRtt(nowNanos - sentAt[index(ack.ackNumber())], ack.ackDelayNanos());
        }
        if (lossFloor != null && newlyAcked > 0) {
            lossFloor.onAcked(nowNanos, newlyAcked, cwndLimited, rtt.smoothed());
        }
        int lost = 0;
        boolean reduced = false;
        long lossBelow = lossBoundary();
        for (long s = tail; s < lossBelow; s++) {
            int i = index(s);
            if (state[i] == OUTSTANDING) {
                state[i] = LOST;
                pipe--;
                lost++;
                lostSinceReduction++;
                fates.lost(s);
                if (s >= recoverySeq) {
                    reduce();
                    reduced = true;
                }
            }
        }
        while (tail < head && state[index(tail)] != OUTSTANDING) {
            tail++;
        }
        timerDeadline = pipe == 0 ? Long.MAX_VALUE : nowNanos + rto;
        maxPipeSinceAck = pipe;
        return new AckOutcome(newlyAcked, lost, reduced);
    }

    /** Seq of the NUMDUPACK-th highest acked entry: everything unacked below it is lost. */
    private long lossBoundary() {
        int seen = 0;
        for (long s = Math.min(highAcked, head - 1); s >= tail; s--) {
            if (state[index(s)] == ACKED && ++seen == NUMDUPACK) {
                return s;
            }
        }
        return tail;
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
        recoverySeq = head;
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
        long sample = raw - ackDelay;
        if (sample <= 0) {
            sample = Math.max(raw, 1); // a bogus ack delay must not make the sample useless
        }
        rtt.sample(sample);
        latestRttNanos = sample;
        minRttNanos = Math.min(minRttNanos, sample);
        rto = clampRto(rtt.bound(settings.clockGranularityNanos()));
    }

    private long clampRto(long value) {
        return Math.min(Math.max(value, settings.minRtoNanos()), settings.maxRtoNanos());
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
        for (long s = tail; s < head; s++) {
            if (state[index(s)] == OUTSTANDING) {
                fates.lost(s);
                lostSinceReduction++;
            }
        }
        rto = Math.min(rto * 2, settings.maxRtoNanos());
        windowBeforeReduction = cwnd;
        if (lossFloor == null || !randomLoss()) {
            // Westwood keeps slow start after the loss of a small window's tail (one or two
            // packets) on a link that showed no queue: an app-limited window's loss is an RTO.
            ssthresh = Math.max(windowAfterLoss(), 2);
        }
        cwnd = 1;
        pipe = 0;
        tail = head; // forget everything in flight
        maxPipeSinceAck = 0;
        highAcked = head - 1;
        recoverySeq = head;
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
        while ((idle -= rto) >= 0 && c > restart) {
            c >>= 1;
        }
        cwnd = Math.max(c, restart);
        cwndStampNanos = nowNanos;
        cwndUsed = 0;
    }

    private void trackWindowUse(long nowNanos) {
        if (pipe >= cwnd) {
            cwndUsed = 0; // network-limited: the window is fully used
            cwndStampNanos = nowNanos;
            return;
        }
        cwndUsed = Math.max(cwndUsed, pipe);
        if (nowNanos - cwndStampNanos >= rto) {
            int used = Math.max(cwndUsed, initialWindow);
            if (used < cwnd) {
                ssthresh = Math.max(ssthresh, cwnd / 2 + cwnd / 4);
                cwnd = (cwnd + used) / 2;
            }
            cwndUsed = 0;
            cwndStampNanos = nowNanos;
        }
    }

    private void ensureCapacity() {
        if (head - tail < sentAt.length) {
            return;
        }
        int newLength = sentAt.length * 2;
        long[] newSent = new long[newLength];
        byte[] newState = new byte[newLength];
        for (long s = tail; s < head; s++) {
            newSent[(int) (s & (newLength - 1))] = sentAt[index(s)];
            newState[(int) (s & (newLength - 1))] = state[index(s)];
        }
        sentAt = newSent;
        state = newState;
    }

    private int index(long seq) {
        return (int) (seq & (sentAt.length - 1));
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
        return pipe;
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
        return rto;
    }

    @Override
    public long minRttNanos() {
        return minRttNanos == Long.MAX_VALUE ? 0 : minRttNanos;
    }

    @Override
    public boolean hasRttSample() {
        return rtt.hasSample();
    }

    /** Link seqs still tracked (tail..head), for tests of bounded state. */
    int historySize() {
        return (int) (head - tail);
    }
}
