package dev.braid.multilink.protocol;

import java.util.List;

/**
 * Picks the links of one realtime packet: first the link where it is expected to arrive first
 * (one-way delay ~ smoothed RTT less half the minimum: the base delay plus what the link's queue
 * adds now), then, when that link looks unreliable (lost a packet lately, a delay spike, or
 * silent: no ack for longer than it should take), or always, per {@link RealtimeSettings}, the
 * next one for a copy. A link that only looks silent (a late ack on a busy host) still gets the
 * packet, so a false alarm costs a copy, not the slow link's delay; a cut link is covered by the
 * copy from its first silent moment on, long before the liveness check declares it down. Without
 * redundancy a silent first link is skipped. Reused per packet, nothing is allocated.
 */
final class RealtimePlacement<P> {
    private final RealtimeSettings settings;
    private SenderLink<P> first;
    private SenderLink<P> second;
    private boolean copyWanted;

    RealtimePlacement(RealtimeSettings settings) {
        this.settings = settings;
    }

    /** Ranks the up links; false if none is up. */
    boolean choose(long nowNanos, List<SenderLink<P>> links) {
        first = null;
        second = null;
        long firstArrival = Long.MAX_VALUE;
        long secondArrival = Long.MAX_VALUE;
        for (SenderLink<P> link : links) {
            if (!link.up) {
                continue;
            }
            long arrival = expectedOneWayNanos(link);
            if (first == null || arrival < firstArrival) {
                second = first;
                secondArrival = firstArrival;
                first = link;
                firstArrival = arrival;
            } else if (second == null || arrival < secondArrival) {
                second = link;
                secondArrival = arrival;
            }
        }
        if (first == null) {
            return false;
        }
        copyWanted = switch (settings.redundancy()) {
            case OFF -> false;
            case ALWAYS -> true;
            case ON_LOSS -> unreliable(nowNanos, first);
        };
        if (settings.redundancy() == RealtimeSettings.Redundancy.OFF && second != null && silent(nowNanos, first)) {
            first = second;
        }
        return true;
    }

    SenderLink<P> first() {
        return first;
    }

    /** The link for a copy, or null when none is wanted or no second link is up. */
    SenderLink<P> second() {
        return copyWanted ? second : null;
    }

    private static <P> long expectedOneWayNanos(SenderLink<P> link) {
        CongestionControl cc = link.cc;
        if (!cc.hasRttSample()) {
            return Long.MAX_VALUE / 4; // unknown: only when nothing better is up
        }
        return cc.srttNanos() - cc.minRttNanos() / 2;
    }

    private boolean unreliable(long nowNanos, SenderLink<P> link) {
        CongestionControl cc = link.cc;
        boolean lossy = link.lastLossNanos != Long.MIN_VALUE
                && nowNanos - link.lastLossNanos < settings.lossMemoryNanos();
        boolean spiking = cc.hasRttSample() && cc.srttNanos() - cc.minRttNanos() > settings.delaySpikeNanos();
        return lossy || spiking || silent(nowNanos, link);
    }

    /**
     * No ack for longer than expected since the first packet sent after the latest ack. Not tied
     * to the window: an RTO forgets what is in flight, and a cut link must stay silent through it.
     */
    private boolean silent(long nowNanos, SenderLink<P> link) {
        if (link.sentSinceAckNanos == Long.MIN_VALUE || !link.cc.hasRttSample()) {
            return false;
        }
        long silence = Math.max(settings.ackSilenceNanos(), 2 * link.cc.srttNanos());
        return nowNanos - link.sentSinceAckNanos > silence;
    }
}
