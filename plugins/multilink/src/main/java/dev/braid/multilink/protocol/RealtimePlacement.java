package dev.braid.multilink.protocol;

import java.util.List;

/**
 * Picks the links of one realtime packet: first the link where it is expected to arrive first
 * (one-way delay ~ smoothed RTT less half the minimum: the base delay plus what the link's queue
 * adds now), then, when that link looks unreliable (or always, per {@link RealtimeSettings}), the
 * next one for a copy. Silent links rank last: a cut link is left within its silence time instead
 * of the seconds the liveness check takes. Reused per packet, nothing is allocated.
 */
final class RealtimePlacement<P> {
    private static final long SILENT_PENALTY_NANOS = 1_000_000_000L;

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
            long arrival = expectedOneWayNanos(nowNanos, link);
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
        copyWanted = first != null && switch (settings.redundancy()) {
            case OFF -> false;
            case ALWAYS -> true;
            case ON_LOSS -> unreliable(nowNanos, first);
        };
        return first != null;
    }

    SenderLink<P> first() {
        return first;
    }

    /** The link for a copy, or null when none is wanted or no second link is up. */
    SenderLink<P> second() {
        return copyWanted ? second : null;
    }

    private long expectedOneWayNanos(long nowNanos, SenderLink<P> link) {
        CongestionControl cc = link.cc;
        if (!cc.hasRttSample()) {
            return Long.MAX_VALUE / 4; // unknown: only when nothing better is up
        }
        long oneWay = cc.srttNanos() - cc.minRttNanos() / 2;
        return silent(nowNanos, link) ? oneWay + SILENT_PENALTY_NANOS : oneWay;
    }

    private boolean unreliable(long nowNanos, SenderLink<P> link) {
        CongestionControl cc = link.cc;
        boolean lossy = link.lastLossNanos != Long.MIN_VALUE
                && nowNanos - link.lastLossNanos < settings.lossMemoryNanos();
        boolean spiking = cc.hasRttSample() && cc.srttNanos() - cc.minRttNanos() > settings.delaySpikeNanos();
        return lossy || spiking || silent(nowNanos, link);
    }

    /** Packets in flight, and no ack since they (or the latest ack) went out for longer than expected. */
    private boolean silent(long nowNanos, SenderLink<P> link) {
        if (link.cc.pipe() == 0 || !link.cc.hasRttSample()) {
            return false;
        }
        long silence = Math.max(settings.ackSilenceNanos(), 2 * link.cc.srttNanos());
        return nowNanos - Math.max(link.lastAckNanos, link.inFlightSinceNanos) > silence;
    }
}
