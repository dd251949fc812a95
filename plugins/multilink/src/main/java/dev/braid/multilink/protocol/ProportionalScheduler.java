package dev.braid.multilink.protocol;

import java.util.List;

/**
 * Keeps every link's window equally full: among links with room, the one whose window would be
 * least used after this packet, (pipe + 1) / cwnd; ties go to the lower smoothed RTT, then to
 * list order. Since a link's pipe is its rate times its RTT, equal fill means each link carries a
 * share proportional to cwnd / RTT, its rate estimate, at every load, not only once the fastest
 * link is full. An inner TCP flow then sees one steady RTT (the resequencer aligns the links)
 * from its first round on: with min-RTT-first schedulers its RTT jumps from the short link's to
 * the long link's just as it outgrows the short link, which ends its slow start (HyStart) or, in
 * congestion avoidance, cuts its rate by the RTT ratio. An idle tunnel (every pipe 0) still sends
 * a lone packet on the shortest link.
 */
public final class ProportionalScheduler implements Scheduler {
    public static final String NAME = "proportional";

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public int pick(List<? extends LinkView> links) {
        LinkView best = null;
        for (LinkView l : links) {
            if (l.hasRoom() && (best == null || lessFull(l, best))) {
                best = l;
            }
        }
        return best == null ? NONE : best.id();
    }

    /** (pipe_a + 1) / cwnd_a < (pipe_b + 1) / cwnd_b, in integers; equal fill: lower srtt. */
    private static boolean lessFull(LinkView a, LinkView b) {
        long left = (long) (a.pipe() + 1) * b.cwnd();
        long right = (long) (b.pipe() + 1) * a.cwnd();
        return left < right || (left == right && a.srttNanos() < b.srttNanos());
    }
}
