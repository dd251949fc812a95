package dev.braid.multilink.protocol;

import java.util.List;

/** MPTCP's default: the link with the lowest smoothed RTT among those with room. */
public final class MinRttScheduler implements Scheduler {
    public static final String NAME = "min-rtt";

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public int pick(List<? extends LinkView> links) {
        int best = NONE;
        long bestRtt = Long.MAX_VALUE;
        for (LinkView l : links) {
            if (l.hasRoom() && l.srttNanos() < bestRtt) {
                bestRtt = l.srttNanos();
                best = l.id();
            }
        }
        return best;
    }
}
