package dev.braid.natprobe.protocol;

import java.util.function.Supplier;

/**
 * Probe schedule and liveness of one link, sans I/O: the caller hands in time and events and
 * performs the returned {@link LivenessStep}.
 *
 * <ol>
 *   <li>UP, idle: a probe whenever nothing left the link for the idle interval (and one at start),
 *       so NAT mappings stay open and RTT and the observed address are known.</li>
 *   <li>UP, traffic: every traffic check the link's send counter is compared. Something sent and
 *       nothing authenticated received for {@code suspectAfter} -> SUSPECT.</li>
 *   <li>SUSPECT: a probe every fast interval; {@code downAfterMissed} of them unanswered for
 *       {@code max(fastInterval, 2 * srtt)} -> DOWN.</li>
 *   <li>DOWN: a probe after the down-probe interval, the spacing doubling after each unanswered
 *       one up to the cap (a dead path, or one whose address someone else holds now, gets ever
 *       fewer datagrams; the core drops the link after its down timeout).</li>
 *   <li>Any authenticated receive (reply or other traffic) -> UP.</li>
 * </ol>
 */
public final class LinkLiveness {
    /** Replies claiming more are ignored for RTT (the echoed timestamp is our own clock). */
    private static final long MAX_PLAUSIBLE_RTT_NANOS = 60_000_000_000L;

    /** Read at every step, so a reload's new intervals count from this link's next step. */
    private final Supplier<ProbeSettings> settings;
    private final RttEstimator rtt = new RttEstimator();
    private LinkState state = LinkState.UP;
    private long nextSeq;

    private long lastReceiveNanos;
    private boolean initialProbePending;
    /** Last time we saw something leave the link (traffic seen by a check, or our probe). */
    private long lastSendNanos;
    /** Something was sent since the last receive; since when. */
    private boolean unanswered;
    private long firstUnansweredNanos;

    private long packetsOutSeen;
    private boolean baselineStale = true;
    private long nextCheckNanos;

    private long lastProbeNanos;
    private int fastProbesSent;
    private long downProbeSpacingNanos;

    public LinkLiveness(ProbeSettings settings, long nowNanos) {
        this(() -> settings, nowNanos);
    }

    /** @param settings the current settings (changed by a reload); idle probing must stay as it was */
    public LinkLiveness(Supplier<ProbeSettings> settings, long nowNanos) {
        this.settings = settings;
        this.lastReceiveNanos = nowNanos;
        this.lastSendNanos = nowNanos;
        this.initialProbePending = settings.get().idleProbing();
        this.nextCheckNanos = nowNanos;
    }

    public LinkState state() {
        return state;
    }

    public RttEstimator rtt() {
        return rtt;
    }

    public long lastReceiveNanos() {
        return lastReceiveNanos;
    }

    /** Any authenticated datagram arrived on the link (a probe reply or anything else). */
    public LivenessStep onReceive(long nowNanos) {
        lastReceiveNanos = nowNanos;
        unanswered = false;
        if (state == LinkState.UP) {
            return LivenessStep.NOTHING;
        }
        LinkState was = state;
        state = LinkState.UP;
        fastProbesSent = 0;
        baselineStale = true; // our own probes since the last check are not traffic
        nextCheckNanos = nowNanos + settings.get().trafficCheckNanos();
        return was == LinkState.DOWN ? LivenessStep.of(null, LinkState.UP) : LivenessStep.NOTHING;
    }

    /** A reply to one of our probes: an RTT sample (its arrival is also an {@link #onReceive}). */
    public void onProbeReply(long nowNanos, ProbeReply reply) {
        long sample = nowNanos - reply.txNanos();
        if (sample >= 0 && sample <= MAX_PLAUSIBLE_RTT_NANOS) {
            rtt.sample(sample);
        }
    }

    /**
     * Timer tick. {@code trafficPacketsOut} is the link's running total of datagrams sent other
     * than this plugin's own probes and answers (those must not look like traffic awaiting an
     * answer). Call when {@code nowNanos >= nextDeadlineNanos()}; calling earlier is harmless.
     */
    public LivenessStep onTimer(long nowNanos, long trafficPacketsOut) {
        return switch (state) {
            case UP -> upTick(nowNanos, trafficPacketsOut);
            case SUSPECT -> suspectTick(nowNanos);
            case DOWN -> downTick(nowNanos);
        };
    }

    private LivenessStep upTick(long now, long packetsOut) {
        if (now - nextCheckNanos >= 0) {
            checkTraffic(now, packetsOut);
            nextCheckNanos = now + settings.get().trafficCheckNanos();
        }
        if (unanswered && now - firstUnansweredNanos >= settings.get().suspectAfterNanos()) {
            state = LinkState.SUSPECT;
            fastProbesSent = 1;
            return LivenessStep.of(probe(now), null);
        }
        if (idleProbeDue(now)) {
            initialProbePending = false;
            return LivenessStep.of(probe(now), null);
        }
        return LivenessStep.NOTHING;
    }

    private void checkTraffic(long now, long packetsOut) {
        if (baselineStale) {
            baselineStale = false;
        } else if (packetsOut != packetsOutSeen) {
            noteSend(now);
        }
        packetsOutSeen = packetsOut;
    }

    private boolean idleProbeDue(long now) {
        return settings.get().idleProbing()
                && (initialProbePending || now - lastSendNanos >= settings.get().idleIntervalNanos());
    }

    private LivenessStep suspectTick(long now) {
        if (fastProbesSent < settings.get().downAfterMissed()) {
            if (now - lastProbeNanos >= settings.get().fastIntervalNanos()) {
                fastProbesSent++;
                return LivenessStep.of(probe(now), null);
            }
            return LivenessStep.NOTHING;
        }
        if (now - lastProbeNanos >= missTimeoutNanos()) {
            state = LinkState.DOWN;
            downProbeSpacingNanos = settings.get().downProbeNanos();
            return LivenessStep.of(null, LinkState.DOWN);
        }
        return LivenessStep.NOTHING;
    }

    private LivenessStep downTick(long now) {
        if (now - lastProbeNanos >= downProbeSpacingNanos) {
            Probe probe = probe(now);
            downProbeSpacingNanos = Math.min(settings.get().downProbeMaxNanos(), 2 * downProbeSpacingNanos);
            return LivenessStep.of(probe, null);
        }
        return LivenessStep.NOTHING;
    }

    /** How long a fast probe may go unanswered: a slow path must not look dead. */
    private long missTimeoutNanos() {
        return rtt.hasSample() ? Math.max(settings.get().fastIntervalNanos(), 2 * rtt.srttNanos()) : settings.get().fastIntervalNanos();
    }

    private Probe probe(long now) {
        Probe probe = new Probe(nextSeq, now);
        nextSeq = (nextSeq + 1) & 0xffff_ffffL;
        lastProbeNanos = now;
        noteSend(now);
        return probe;
    }

    private void noteSend(long now) {
        lastSendNanos = now;
        if (!unanswered) {
            unanswered = true;
            firstUnansweredNanos = now;
        }
    }

    /** When {@link #onTimer} wants to run next. */
    public long nextDeadlineNanos() {
        return switch (state) {
            case UP -> {
                long deadline = nextCheckNanos;
                if (unanswered) {
                    deadline = Math.min(deadline, firstUnansweredNanos + settings.get().suspectAfterNanos());
                }
                if (settings.get().idleProbing()) {
                    deadline = Math.min(deadline, initialProbePending ? lastSendNanos : lastSendNanos + settings.get().idleIntervalNanos());
                }
                yield deadline;
            }
            case SUSPECT -> lastProbeNanos + (fastProbesSent < settings.get().downAfterMissed()
                    ? settings.get().fastIntervalNanos() : missTimeoutNanos());
            case DOWN -> lastProbeNanos + downProbeSpacingNanos;
        };
    }
}
