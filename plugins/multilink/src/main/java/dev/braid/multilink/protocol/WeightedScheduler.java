package dev.braid.multilink.protocol;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Smooth weighted round robin (as nginx) over the links with room, by their static
 * {@link LinkView#weight()}: each pick adds every eligible link's weight to its credit, picks the
 * largest credit and subtracts the eligible total from it. Over time link i gets weight_i/sum of
 * the packets, interleaved rather than in bursts.
 */
public final class WeightedScheduler implements Scheduler {
    public static final String NAME = "weighted";

    private final Map<Integer, Long> credit = new HashMap<>();

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public int pick(List<? extends LinkView> links) {
        long total = 0;
        int best = NONE;
        long bestCredit = Long.MIN_VALUE;
        for (LinkView l : links) {
            if (!l.hasRoom()) {
                continue;
            }
            long c = credit.getOrDefault(l.id(), 0L) + l.weight();
            credit.put(l.id(), c);
            total += l.weight();
            if (c > bestCredit) {
                bestCredit = c;
                best = l.id();
            }
        }
        if (best != NONE) {
            credit.put(best, bestCredit - total);
        }
        return best;
    }
}
