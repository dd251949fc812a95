package dev.braid.multilink.protocol;

import java.util.Locale;

/**
 * A model-based, paced congestion control per link after BBR (Cardwell et al.; Linux
 * {@code tcp_bbr.c}), counted in packets: the link's bottleneck rate is the windowed maximum of
 * delivery-rate samples over ten rounds (draft-cheng-iccrg-delivery-rate-estimation), its
 * propagation RTT the minimum RTT over ten seconds. Packets leave paced at a gain times that rate
 * ({@link #nextSendTimeNanos()}); packets in flight are capped at twice the estimated BDP plus
 * what delayed acks hold back and what acks are seen to arrive aggregated ({@link AckAggregation}).
 *
 * <p>States: STARTUP (gain 2/ln 2) until the rate grew less than 25 % in three rounds, DRAIN until
 * the queue it built is gone, PROBE_BW cycling the gains 1.25, 0.75, 1 x 6 per min RTT, and
 * PROBE_RTT (half a BDP for 200 ms and a round) when the min RTT was not seen for ten seconds.
 *
 * <p>Loss: detected as by CCID2 (three later packets acked) and by the retransmission timer.
 * Loss below {@link #LOSS_THRESHOLD} of a round's packets (radio, random) changes nothing; a round
 * above it (a shallow buffer, a policer) ends STARTUP or a probe and caps the packets in flight at
 * 0.7 of what the round had in flight, never below the estimated BDP, a cap that grows back while
 * rounds stay below the threshold (BBRv2's {@code inflight_hi}). A round that cruised with a
 * queue standing all along caps the rate and drains ({@link StandingQueueGuard}). An RTO lets one
 * packet probe the link until an ack comes back; a late timer and a spurious RTO are told from a
 * dead path by {@link RetransmitTimer}.
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
    /**
     * A sender that wakes late (a busy host, a descheduled event loop, a coarse timer) may still
     * send what the schedule allowed during this much of the time it missed; without that credit
     * every late wake-up is rate lost for good.
     */
    static final long PACING_CATCH_UP_NANOS = 4_000_000L;
    /** A drain of a standing queue gives up after this many min RTTs (the queue is the path's after all). */
    static final int STANDING_QUEUE_DRAIN_ROUNDS = 4;

    enum State { STARTUP, DRAIN, PROBE_BW, PROBE_RTT }

    private final MultilinkSettings settings;
    private final LinkRtt rtt;
    private final SentPacketLog log = new SentPacketLog(DeliveryRateSampler.COLUMNS);
    private final DeliveryRateSampler sampler = new DeliveryRateSampler(log, 0);
    private final WindowedMaxFilter btlBw = new WindowedMaxFilter(BTL_BW_FILTER_ROUNDS);
    private final AckAggregation aggregation = new AckAggregation();
    private final RetransmitTimer timer;
    private final StandingQueueGuard standingQueue = new StandingQueueGuard();

    private long minRttNanos = Long.MAX_VALUE;
    private long minRttStampNanos;

    // Rounds and the state machine.
    private long round;
    private long nextRoundDelivered;
    private State mode = State.STARTUP;
    private double fullBw;
    private int fullBwRounds;
    private boolean fullBwReached;
    private int cycleIndex;
    private long cycleStampNanos;
    /** A drain of the queue the guard found (gain 1/2.89) is under way; the gain cycle waits for it. */
    private boolean drainingStandingQueue;
    private long drainStampNanos;
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
        this.rtt = new LinkRtt(settings);
        this.timer = new RetransmitTimer(rtt);
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public boolean canSend() {
        return log.pipe() < cwnd();
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
        sampler.onAppLimited();
    }

    @Override
    public void onSent(long nowNanos, long linkSeq) {
        log.add(linkSeq, nowNanos);
        sampler.onSent(linkSeq, nowNanos);
        roundMaxPipe = Math.max(roundMaxPipe, log.pipe());
        if (pacingRate > 0) {
            nextSendNanos = Math.max(nextSendNanos, nowNanos - PACING_CATCH_UP_NANOS) + intervalNanos();
        }
        timer.onSent(nowNanos);
    }

    @Override
    public AckOutcome onAck(long nowNanos, AckInfo ack, PacketFates fates) {
        if (!log.wasSent(ack.ackNumber())) {
            return AckOutcome.NONE;
        }
        timer.onAck(ack.ackNumber());
        int newlyAcked = log.ack(ack, fates);
        if (newlyAcked == 0) {
            return AckOutcome.NONE;
        }
        long newest = log.newestAcked();
        long rttSample = -1;
        if (ack.ackNumber() == newest) {
            rttSample = rtt.sample(nowNanos - log.sentAt(newest), ack.ackDelayNanos());
            standingQueue.onRttSample(rttSample);
        }
        boolean roundStart = sampleRate(nowNanos, newlyAcked, newest);
        aggregation.onAck(nowNanos, roundStart, newlyAcked, btlBw.best(), cwnd);
        int lost = log.detectLosses(fates);
        roundLost += lost;
        if (roundStart) {
            endLossRound(nowNanos);
        }
        updateModel(nowNanos, roundStart, rttSample, newest);
        setCwnd(newlyAcked);
        log.trim();
        timer.onProgress(nowNanos, log.pipe());
        return new AckOutcome(newlyAcked, lost, false);
    }

    /** Takes the ack's delivery-rate sample into the max filter; true if it started a new round. */
    private boolean sampleRate(long nowNanos, int newlyAcked, long newest) {
        double rate = sampler.onAcked(nowNanos, newlyAcked, newest, minRttNanos);
        boolean roundStart = sampler.sampleDeliveredAtSend() >= nextRoundDelivered;
        if (roundStart) {
            nextRoundDelivered = sampler.delivered();
            round++;
        }
        if (rate == DeliveryRateSampler.NO_SAMPLE) {
            return roundStart;
        }
        boolean appLimited = sampler.sampleAppLimited();
        if (!appLimited || rate >= btlBw.best()) {
            btlBw.update(round, rate);
        }
        if (roundStart && !fullBwReached && !appLimited) {
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

    /** At the end of a round: was its loss congestion, and may the in-flight cap grow back? */
    private void endLossRound(long nowNanos) {
        long roundDelivered = sampler.delivered() - roundDeliveredStart;
        boolean congested = roundLost >= LOSS_MIN_COUNT && roundLost > LOSS_THRESHOLD * (roundDelivered + roundLost);
        if (congested) {
            // Never below what the rate model says the pipe holds: a shallow buffer only lacks the queue.
            inflightHi = Math.max(bdp(1.0) + ackHoldBack() + aggregationCwnd(), (int) (roundMaxPipe * LOSS_BETA));
            inflightHiGrowth = 1;
            if (mode == State.STARTUP) {
                fullBwReached = true;
            } else if (mode == State.PROBE_BW && PROBE_BW_GAINS[cycleIndex] > 1) {
                enterCyclePhase(nowNanos, 1); // stop probing: drain what the probe queued
            }
        } else if (inflightHi != Integer.MAX_VALUE && roundMaxPipe >= inflightHi - 1) {
            inflightHi += inflightHiGrowth;
            inflightHiGrowth = Math.min(inflightHiGrowth * 2, Math.max(1, inflightHi / 4));
            if (inflightHi > 2 * targetCwnd()) {
                inflightHi = Integer.MAX_VALUE; // the model bounds the link again
            }
        }
        roundLost = 0;
        roundDeliveredStart = sampler.delivered();
        roundMaxPipe = log.pipe();
    }

    private void updateModel(long nowNanos, boolean roundStart, long rttSample, long newest) {
        if (mode == State.STARTUP && fullBwReached) {
            mode = State.DRAIN;
        }
        if (mode == State.DRAIN && log.pipe() <= bdp(1.0)) {
            enterProbeBw(nowNanos, newest);
        }
        if (mode == State.PROBE_BW && drainingStandingQueue) {
            endStandingQueueDrain(nowNanos);
        } else if (mode == State.PROBE_BW && nextCyclePhase(nowNanos)) {
            enterCyclePhase(nowNanos, (cycleIndex + 1) % PROBE_BW_GAINS.length);
        }
        updateMinRtt(nowNanos, roundStart, rttSample);
        judgeRound(nowNanos, roundStart);
        double rate = pacingGain() * bandwidth() * PACING_MARGIN;
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
        drainingStandingQueue = false;
    }

    private void enterCyclePhase(long nowNanos, int index) {
        if (PROBE_BW_GAINS[index] > 1) {
            standingQueue.liftCap();
        }
        cycleIndex = index;
        cycleStampNanos = nowNanos;
    }

    /** A round that cruised with a queue standing all along paces above the link: cap the rate and drain. */
    private void judgeRound(long nowNanos, boolean roundStart) {
        boolean cruising = mode == State.PROBE_BW && PROBE_BW_GAINS[cycleIndex] == 1 && !drainingStandingQueue;
        if (!cruising) {
            standingQueue.notCruising();
        }
        if (roundStart && standingQueue.onRoundStart(nowNanos, sampler.delivered(), minRttNanos, btlBw.best(), cruising)) {
            drainingStandingQueue = true;
            drainStampNanos = nowNanos;
            standingQueue.notCruising();
        }
    }

    /**
     * The drain of a standing queue interrupts the gain cycle, which then goes on where it was (so
     * the next probe, which lifts the cap, still comes on time). It drains to the BDP at the
     * path's own RTT (jitter keeps more in flight than the min RTT explains); only a drain that
     * got there shows that variation anew.
     */
    private void endStandingQueueDrain(long nowNanos) {
        long pathRtt = minRttNanos + standingQueue.pathFloorNanos();
        boolean empty = log.pipe() <= Math.max(MIN_CWND, Math.ceil(bandwidth() * pathRtt / 1e9));
        if (empty || nowNanos - drainStampNanos > STANDING_QUEUE_DRAIN_ROUNDS * minRttNanos) {
            drainingStandingQueue = false;
            cycleStampNanos += nowNanos - drainStampNanos;
            if (empty) {
                standingQueue.drained(nowNanos);
            }
        }
    }

    private boolean nextCyclePhase(long nowNanos) {
        boolean fullLength = minRttNanos != Long.MAX_VALUE && nowNanos - cycleStampNanos > minRttNanos;
        double gain = PROBE_BW_GAINS[cycleIndex];
        if (gain == 1) {
            return fullLength;
        }
        if (gain > 1) {
            return fullLength && log.pipe() >= bdp(gain);
        }
        return fullLength || log.pipe() <= bdp(1.0);
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
            if (log.pipe() <= probeRttCwnd()) {
                probeRttDoneNanos = nowNanos + PROBE_RTT_NANOS;
                probeRttRoundDone = false;
                nextRoundDelivered = sampler.delivered();
            }
        } else {
            probeRttRoundDone |= roundStart;
            if (probeRttRoundDone && nowNanos >= probeRttDoneNanos) {
                minRttStampNanos = nowNanos;
                cwnd = Math.max(cwnd, priorCwnd);
                if (fullBwReached) {
                    enterProbeBw(nowNanos, log.head());
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
            case PROBE_BW -> drainingStandingQueue ? DRAIN_GAIN : PROBE_BW_GAINS[cycleIndex];
            case PROBE_RTT -> 1.0;
        };
    }

    private double cwndGain() {
        return mode == State.STARTUP || mode == State.DRAIN ? STARTUP_GAIN : CWND_GAIN;
    }

    /** {@code gain} x the estimated BDP, in packets (rounded up); the initial window before any estimate. */
    private int bdp(double gain) {
        if (minRttNanos == Long.MAX_VALUE || bandwidth() == 0) {
            return INITIAL_CWND;
        }
        return (int) Math.min(Integer.MAX_VALUE / 4, Math.ceil(gain * bandwidth() * minRttNanos / 1e9));
    }

    /** The bottleneck rate the model sends at: the max filter's, under the standing-queue cap. */
    private double bandwidth() {
        return Math.min(btlBw.best(), standingQueue.rateCap());
    }

    /** The model's window: the gain's BDP plus what one delayed ack holds back, plus what acks arrive aggregated. */
    private int targetCwnd() {
        return bdp(cwndGain()) + ackHoldBack() + aggregationCwnd();
    }

    /** Ack aggregation is measured against the estimated rate, so it counts only once that rate is full. */
    private int aggregationCwnd() {
        return fullBwReached ? aggregation.extraPackets(btlBw.best()) : 0;
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
        } else if (cwnd < target || sampler.delivered() < INITIAL_CWND) {
            cwnd += acked;
        }
        cwnd = Math.max(cwnd, MIN_CWND);
        if (mode == State.PROBE_RTT) {
            cwnd = Math.min(cwnd, probeRttCwnd());
        }
        cwnd = Math.min(Math.min(cwnd, inflightHi), settings.maxCwndPackets());
    }

    @Override
    public long nextTimeoutNanos() {
        return timer.deadline();
    }

    @Override
    public boolean onTimeout(long nowNanos, PacketFates fates) {
        if (!timer.expires(nowNanos, log.highAcked(), log.head())) {
            return false;
        }
        log.loseAll(fates);
        return true;
    }

    @Override
    public int cwnd() {
        return timer.recovering() ? 1 : cwnd;
    }

    @Override
    public int ssthresh() {
        return Integer.MAX_VALUE;
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
    public double deliveryRatePacketsPerSecond() {
        return bandwidth();
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

    /** RTOs an ack later showed spurious. */
    long spuriousTimeouts() {
        return timer.spuriousExpiries();
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
