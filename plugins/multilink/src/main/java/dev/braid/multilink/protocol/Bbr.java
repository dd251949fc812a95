package dev.braid.multilink.protocol;

import java.util.Locale;

/**
 * A model-based, paced congestion control per link after BBR (Cardwell et al.; Linux
 * {@code tcp_bbr.c}), counted in packets: the link's bottleneck rate is the windowed maximum of
 * delivery-rate samples over ten rounds (draft-cheng-iccrg-delivery-rate-estimation), its
 * propagation RTT the minimum RTT over ten seconds. Packets leave paced at a gain times that rate
 * ({@link #nextSendTimeNanos()}); packets in flight are capped at twice the estimated BDP plus
 * what delayed acks hold back.
 *
 * <p>States: STARTUP (gain 2/ln 2) until the rate grew less than 25 % in three rounds, DRAIN until
 * the queue it built is gone, PROBE_BW cycling the gains 1.25, 0.75, 1 x 6 per min RTT, and
 * PROBE_RTT (half a BDP for 200 ms and a round) when the min RTT was not seen for ten seconds.
 *
 * <p>Loss: detected as by CCID2 (three later packets acked) and by the retransmission timer.
 * Loss below {@link #LOSS_THRESHOLD} of a round's packets (radio, random) changes nothing; a round
 * above it (a shallow buffer, a policer) ends STARTUP or a probe and caps the packets in flight at
 * 0.7 of what the round had in flight, never below the estimated BDP, a cap that grows back while
 * rounds stay below the threshold (BBRv2's {@code inflight_hi}). An RTO lets one packet probe the link until an ack comes back.
 * Design notes and measurements: docs/protocol-multilink.md.
 */
public final class Bbr implements CongestionControl {
    public static final String NAME = "bbr";

    static final double STARTUP_GAIN = 2.0 / Math.log(2.0);
    static final double DRAIN_GAIN = 1.0 / STARTUP_GAIN;
    static final double CWND_GAIN = 2.0;
    static final double[] PROBE_BW_GAINS = {1.25, 0.75, 1, 1, 1, 1, 1, 1};
    static final double PACING_MARGIN = 0.99;
    static final int BTL_BW_FILTER_ROUNDS = 10;
    static final long MIN_RTT_WINDOW_NANOS = 10_000_000_000L;
    static final long PROBE_RTT_NANOS = 200_000_000L;
    static final double FULL_BW_GROWTH = 1.25;
    static final int FULL_BW_ROUNDS = 3;
    static final int MIN_CWND = 4;
    static final int INITIAL_CWND = 10;
    /** A round that lost more than this share of its packets (and at least {@link #LOSS_MIN_COUNT}) was congested. */
    static final double LOSS_THRESHOLD = 0.05;
    static final int LOSS_MIN_COUNT = 5;
    static final double LOSS_BETA = 0.7;
    /** Pacing may run this far ahead of the exact schedule, so a timer wakes once per burst. */
    static final long PACING_BURST_NANOS = 1_000_000L;
    static final int NUMDUPACK = 3;

    enum State { STARTUP, DRAIN, PROBE_BW, PROBE_RTT }

    private static final byte OUTSTANDING = 0;
    private static final byte ACKED = 1;
    private static final byte LOST = 2;

    private final MultilinkSettings settings;
    private final Rfc6298Estimator rtt = new Rfc6298Estimator();
    private final WindowedMaxFilter btlBw = new WindowedMaxFilter(BTL_BW_FILTER_ROUNDS);
    private long rto;
    private long timerDeadline = Long.MAX_VALUE;
    private boolean rtoRecovery;

    private long minRttNanos = Long.MAX_VALUE;
    private long minRttStampNanos;

    // Packet history: seqs [tail, head) in rings indexed by seq & mask.
    private long[] sentAt = new long[64];
    private long[] deliveredAtSend = new long[64];
    private long[] deliveredTimeAtSend = new long[64];
    private long[] firstSentAtSend = new long[64];
    private boolean[] appLimitedAtSend = new boolean[64];
    private byte[] state = new byte[64];
    private long tail;
    private long head;
    private long highAcked = -1;
    private int pipe;

    // Delivery-rate sampling.
    private long delivered;
    private long deliveredTimeNanos;
    private long firstSentTimeNanos;
    /** Rate samples are app-limited until this many packets are delivered; 0 = not app-limited. */
    private long appLimitedUntil;

    // Rounds and the state machine.
    private long round;
    private long nextRoundDelivered;
    private State mode = State.STARTUP;
    private double fullBw;
    private int fullBwRounds;
    private boolean fullBwReached;
    private int cycleIndex;
    private long cycleStampNanos;
    private long probeRttDoneNanos;
    private boolean probeRttRoundDone;
    private int priorCwnd;

    // Loss per round and the in-flight cap it sets.
    private long roundLost;
    private long roundDeliveredStart;
    private int roundMaxPipe;
    private int inflightHi = Integer.MAX_VALUE;
    private int inflightHiGrowth = 1;

    private int cwnd = INITIAL_CWND;
    private double pacingRate; // packets per second; 0 = not paced yet
    private long nextSendNanos = Long.MIN_VALUE;

    public Bbr(MultilinkSettings settings) {
        this.settings = settings;
        this.rto = settings.initialRtoNanos();
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public boolean canSend() {
        return pipe < (rtoRecovery ? 1 : cwnd);
    }

    @Override
    public long nextSendTimeNanos() {
        return nextSendNanos == Long.MIN_VALUE ? Long.MIN_VALUE : nextSendNanos - burstNanos();
    }

    private long burstNanos() {
        return Math.max(PACING_BURST_NANOS, 2 * intervalNanos());
    }

    private long intervalNanos() {
        return pacingRate > 0 ? (long) (1e9 / pacingRate) : 0;
    }

    @Override
    public void onAppLimited() {
        appLimitedUntil = Math.max(delivered + pipe, 1);
    }

    @Override
    public void onSent(long nowNanos, long linkSeq) {
        if (linkSeq != head) {
            throw new IllegalArgumentException("link seq " + linkSeq + " sent, expected " + head);
        }
        if (pipe == 0) {
            firstSentTimeNanos = nowNanos;
            deliveredTimeNanos = nowNanos;
        }
        ensureCapacity();
        int i = index(head);
        sentAt[i] = nowNanos;
        deliveredAtSend[i] = delivered;
        deliveredTimeAtSend[i] = deliveredTimeNanos;
        firstSentAtSend[i] = firstSentTimeNanos;
        appLimitedAtSend[i] = appLimitedUntil != 0;
        state[i] = OUTSTANDING;
        head++;
        pipe++;
        roundMaxPipe = Math.max(roundMaxPipe, pipe);
        if (pacingRate > 0) {
            nextSendNanos = Math.max(nextSendNanos, nowNanos) + intervalNanos();
        }
        if (timerDeadline == Long.MAX_VALUE) {
            timerDeadline = nowNanos + rto;
        }
    }

    @Override
    public AckOutcome onAck(long nowNanos, AckInfo ack, PacketFates fates) {
        if (ack.ackNumber() >= head || ack.ackNumber() < 0) {
            return AckOutcome.NONE;
        }
        int newlyAcked = 0;
        long newest = -1;
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
                newest = Math.max(newest, s);
            }
        }
        if (newlyAcked == 0) {
            return AckOutcome.NONE;
        }
        delivered += newlyAcked;
        deliveredTimeNanos = nowNanos;
        highAcked = Math.max(highAcked, newest);
        rtoRecovery = false;
        long rttSample = -1;
        if (state[index(ack.ackNumber())] == ACKED && ack.ackNumber() == newest) {
            rttSample = sampleRtt(nowNanos - sentAt[index(newest)], ack.ackDelayNanos());
        }
        boolean roundStart = sampleRate(newest);
        if (appLimitedUntil != 0 && delivered > appLimitedUntil) {
            appLimitedUntil = 0;
        }
        int lost = detectLosses(fates);
        roundLost += lost;
        if (roundStart) {
            endLossRound();
        }
        updateModel(nowNanos, roundStart, rttSample, newest);
        setCwnd(newlyAcked);
        while (tail < head && state[index(tail)] != OUTSTANDING) {
            tail++;
        }
        timerDeadline = pipe == 0 ? Long.MAX_VALUE : nowNanos + rto;
        return new AckOutcome(newlyAcked, lost, false);
    }

    /** Takes a delivery-rate sample from the newest acked packet; true if it started a new round. */
    private boolean sampleRate(long newest) {
        int i = index(newest);
        boolean roundStart = false;
        if (deliveredAtSend[i] >= nextRoundDelivered) {
            nextRoundDelivered = delivered;
            round++;
            roundStart = true;
        }
        firstSentTimeNanos = sentAt[i];
        long interval = Math.max(sentAt[i] - firstSentAtSend[i], deliveredTimeNanos - deliveredTimeAtSend[i]);
        // A sample shorter than the min RTT comes from acks bunched together: it overstates the rate.
        if (interval <= 0 || (minRttNanos != Long.MAX_VALUE && interval < minRttNanos)) {
            return roundStart;
        }
        double rate = (delivered - deliveredAtSend[i]) * 1e9 / interval;
        if (!appLimitedAtSend[i] || rate >= btlBw.best()) {
            btlBw.update(round, rate);
        }
        if (roundStart && !fullBwReached && !appLimitedAtSend[i]) {
            checkFullBandwidth();
        }
        return roundStart;
    }

    private void checkFullBandwidth() {
        if (btlBw.best() >= fullBw * FULL_BW_GROWTH) {
            fullBw = btlBw.best();
            fullBwRounds = 0;
        } else if (++fullBwRounds >= FULL_BW_ROUNDS) {
            fullBwReached = true;
        }
    }

    /** Seqs below the NUMDUPACK-th highest acked one that are still outstanding are lost. */
    private int detectLosses(PacketFates fates) {
        long boundary = tail;
        int seen = 0;
        for (long s = Math.min(highAcked, head - 1); s >= tail; s--) {
            if (state[index(s)] == ACKED && ++seen == NUMDUPACK) {
                boundary = s;
                break;
            }
        }
        int lost = 0;
        for (long s = tail; s < boundary; s++) {
            int i = index(s);
            if (state[i] == OUTSTANDING) {
                state[i] = LOST;
                pipe--;
                lost++;
                fates.lost(s);
            }
        }
        return lost;
    }

    /** At the end of a round: was its loss congestion, and may the in-flight cap grow back? */
    private void endLossRound() {
        long roundDelivered = delivered - roundDeliveredStart;
        boolean congested = roundLost >= LOSS_MIN_COUNT && roundLost > LOSS_THRESHOLD * (roundDelivered + roundLost);
        if (congested) {
            // Never below what the rate model says the pipe holds: a shallow buffer only lacks the queue.
            inflightHi = Math.max(bdp(1.0) + ackHoldBack(), (int) (roundMaxPipe * LOSS_BETA));
            inflightHiGrowth = 1;
            if (mode == State.STARTUP) {
                fullBwReached = true;
            } else if (mode == State.PROBE_BW && PROBE_BW_GAINS[cycleIndex] > 1) {
                cycleIndex = 1; // stop probing: drain what the probe queued
            }
        } else if (inflightHi != Integer.MAX_VALUE && roundMaxPipe >= inflightHi - 1) {
            inflightHi += inflightHiGrowth;
            inflightHiGrowth = Math.min(inflightHiGrowth * 2, Math.max(1, inflightHi / 4));
            if (inflightHi > 2 * targetCwnd()) {
                inflightHi = Integer.MAX_VALUE; // the model bounds the link again
            }
        }
        roundLost = 0;
        roundDeliveredStart = delivered;
        roundMaxPipe = pipe;
    }

    private void updateModel(long nowNanos, boolean roundStart, long rttSample, long newest) {
        if (mode == State.STARTUP && fullBwReached) {
            mode = State.DRAIN;
        }
        if (mode == State.DRAIN && pipe <= bdp(1.0)) {
            enterProbeBw(nowNanos, newest);
        }
        if (mode == State.PROBE_BW && nextCyclePhase(nowNanos)) {
            cycleIndex = (cycleIndex + 1) % PROBE_BW_GAINS.length;
            cycleStampNanos = nowNanos;
        }
        updateMinRtt(nowNanos, roundStart, rttSample);
        double rate = pacingGain() * btlBw.best() * PACING_MARGIN;
        if (btlBw.best() == 0 && rtt.hasSample()) {
            rate = STARTUP_GAIN * cwnd * 1e9 / Math.max(rtt.smoothed(), 1);
        }
        if (rate > 0 && (fullBwReached || rate > pacingRate)) {
            pacingRate = rate;
        }
    }

    private void enterProbeBw(long nowNanos, long newest) {
        mode = State.PROBE_BW;
        cycleIndex = 2 + (int) (newest % (PROBE_BW_GAINS.length - 2)); // any cruising phase, not in step with other links
        cycleStampNanos = nowNanos;
    }

    private boolean nextCyclePhase(long nowNanos) {
        boolean fullLength = minRttNanos != Long.MAX_VALUE && nowNanos - cycleStampNanos > minRttNanos;
        double gain = PROBE_BW_GAINS[cycleIndex];
        if (gain == 1) {
            return fullLength;
        }
        if (gain > 1) {
            return fullLength && pipe >= bdp(gain);
        }
        return fullLength || pipe <= bdp(1.0);
    }

    private void updateMinRtt(long nowNanos, boolean roundStart, long rttSample) {
        boolean expired = minRttNanos != Long.MAX_VALUE && nowNanos - minRttStampNanos > MIN_RTT_WINDOW_NANOS;
        if (rttSample > 0 && (rttSample <= minRttNanos || expired)) {
            minRttNanos = rttSample;
            minRttStampNanos = nowNanos;
        }
        if (expired && mode != State.PROBE_RTT) {
            mode = State.PROBE_RTT;
            priorCwnd = cwnd;
            probeRttDoneNanos = 0;
        }
        if (mode != State.PROBE_RTT) {
            return;
        }
        onAppLimited(); // the link is held back on purpose: no rate samples from it
        if (probeRttDoneNanos == 0) {
            if (pipe <= probeRttCwnd()) {
                probeRttDoneNanos = nowNanos + PROBE_RTT_NANOS;
                probeRttRoundDone = false;
                nextRoundDelivered = delivered;
            }
        } else {
            probeRttRoundDone |= roundStart;
            if (probeRttRoundDone && nowNanos >= probeRttDoneNanos) {
                minRttStampNanos = nowNanos;
                cwnd = Math.max(cwnd, priorCwnd);
                if (fullBwReached) {
                    enterProbeBw(nowNanos, head);
                } else {
                    mode = State.STARTUP;
                }
            }
        }
    }

    private double pacingGain() {
        return switch (mode) {
            case STARTUP -> STARTUP_GAIN;
            case DRAIN -> DRAIN_GAIN;
            case PROBE_BW -> PROBE_BW_GAINS[cycleIndex];
            case PROBE_RTT -> 1.0;
        };
    }

    private double cwndGain() {
        return mode == State.STARTUP || mode == State.DRAIN ? STARTUP_GAIN : CWND_GAIN;
    }

    /** {@code gain} x the estimated BDP, in packets (rounded up); the initial window before any estimate. */
    private int bdp(double gain) {
        if (minRttNanos == Long.MAX_VALUE || btlBw.best() == 0) {
            return INITIAL_CWND;
        }
        return (int) Math.min(Integer.MAX_VALUE / 4, Math.ceil(gain * btlBw.best() * minRttNanos / 1e9));
    }

    /** The model's window: the gain's BDP plus what one delayed ack holds back. */
    private int targetCwnd() {
        return bdp(cwndGain()) + ackHoldBack();
    }

    /** Packets a delayed ack holds back: the delayed-ack time at the estimated rate, plus one ack's worth. */
    private int ackHoldBack() {
        return (int) Math.ceil(btlBw.best() * settings.delayedAckNanos() / 1e9) + settings.busyAckRatio();
    }

    private int probeRttCwnd() {
        return Math.max(MIN_CWND, bdp(0.5));
    }

    private void setCwnd(int acked) {
        int target = targetCwnd();
        if (fullBwReached) {
            cwnd = Math.min(cwnd + acked, target);
        } else if (cwnd < target || delivered < INITIAL_CWND) {
            cwnd += acked;
        }
        cwnd = Math.max(cwnd, MIN_CWND);
        if (mode == State.PROBE_RTT) {
            cwnd = Math.min(cwnd, probeRttCwnd());
        }
        cwnd = Math.min(Math.min(cwnd, inflightHi), settings.maxCwndPackets());
    }

    private long sampleRtt(long raw, long ackDelay) {
        long sample = raw - ackDelay;
        if (sample <= 0) {
            sample = Math.max(raw, 1);
        }
        rtt.sample(sample);
        rto = Math.min(Math.max(rtt.bound(settings.clockGranularityNanos()), settings.minRtoNanos()),
                settings.maxRtoNanos());
        return sample;
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
            }
        }
        rto = Math.min(rto * 2, settings.maxRtoNanos());
        pipe = 0;
        tail = head;
        highAcked = head - 1;
        rtoRecovery = true;
        timerDeadline = Long.MAX_VALUE;
        return true;
    }

    private void ensureCapacity() {
        if (head - tail < sentAt.length) {
            return;
        }
        int n = sentAt.length * 2;
        long[] sent = new long[n];
        long[] del = new long[n];
        long[] delTime = new long[n];
        long[] first = new long[n];
        boolean[] app = new boolean[n];
        byte[] st = new byte[n];
        for (long s = tail; s < head; s++) {
            int from = index(s);
            int to = (int) (s & (n - 1));
            sent[to] = sentAt[from];
            del[to] = deliveredAtSend[from];
            delTime[to] = deliveredTimeAtSend[from];
            first[to] = firstSentAtSend[from];
            app[to] = appLimitedAtSend[from];
            st[to] = state[from];
        }
        sentAt = sent;
        deliveredAtSend = del;
        deliveredTimeAtSend = delTime;
        firstSentAtSend = first;
        appLimitedAtSend = app;
        state = st;
    }

    private int index(long seq) {
        return (int) (seq & (sentAt.length - 1));
    }

    @Override
    public int cwnd() {
        return rtoRecovery ? 1 : cwnd;
    }

    @Override
    public int ssthresh() {
        return Integer.MAX_VALUE;
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

    @Override
    public double deliveryRatePacketsPerSecond() {
        return btlBw.best();
    }

    /** Current pacing rate, packets per second; 0 before the first estimate. */
    double pacingRatePacketsPerSecond() {
        return pacingRate;
    }

    State state() {
        return mode;
    }

    @Override
    public String stateName() {
        return mode.name().toLowerCase(Locale.ROOT).replace('_', '-');
    }

    /** Link seqs still tracked (tail..head), for tests of bounded state. */
    int historySize() {
        return (int) (head - tail);
    }
}
