package dev.braid.multilink.protocol;

import java.util.List;

/**
 * OTIAS-like (mp-dccp {@code sched_otias.c}): expected arrival of the next packet on link i,
 * T_i = floor(max(0, q_i - (cwnd_i - pipe_i)) / cwnd_i) * srtt_i + owd_i, where q_i is the link's
 * own queue; picks argmin T_i. Links with room are always candidates; a full link is one too
 * while its queue holds fewer than {@code linkQueuePackets}, in which case the sender queues the
 * packet on it. With a link queue bound of 0 this degenerates to "lowest OWD among links with
 * room".
 */
public final class EarliestArrivalScheduler implements Scheduler {
    public static final String NAME = "earliest-arrival";

    private final int linkQueuePackets;

    public EarliestArrivalScheduler(int linkQueuePackets) {
        this.linkQueuePackets = linkQueuePackets;
    }

    @Override
    public String name() {
        return NAME;
    }

    /** T_i in nanoseconds. */
    public static long expectedArrivalNanos(LinkView l) {
        long waiting = Math.max(0, l.queued() - l.freeWindow());
        return waiting / Math.max(1, l.cwnd()) * l.srttNanos() + l.owdNanos();
    }

    @Override
    public int pick(List<? extends LinkView> links) {
        int best = NONE;
        long bestT = Long.MAX_VALUE;
        for (LinkView l : links) {
            boolean eligible = l.hasRoom() || (l.up() && l.queued() < linkQueuePackets);
            if (!eligible) {
                continue;
            }
            long t = expectedArrivalNanos(l);
            if (t < bestT) {
                bestT = t;
                best = l.id();
            }
        }
        return best;
    }
}
