package dev.braid.multilink.protocol;

import java.util.List;

/**
 * The paper's Algorithm 1 (after TCP PRISM): among links with an open congestion window, the one
 * with the largest free window cwnd - pipe; none open -> {@link #NONE} (the sender drops or
 * queues). Ties go to the first link in list order.
 */
public final class MostFreeWindowScheduler implements Scheduler {
    public static final String NAME = "most-free-window";

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public int pick(List<? extends LinkView> links) {
        int best = NONE;
        int bestFree = Integer.MIN_VALUE;
        for (LinkView l : links) {
            if (l.hasRoom() && l.freeWindow() > bestFree) {
                bestFree = l.freeWindow();
                best = l.id();
            }
        }
        return best;
    }
}
