package dev.braid.multilink.protocol;

import java.util.List;

/** Cycles through the links, skipping those without room. */
public final class RoundRobinScheduler implements Scheduler {
    public static final String NAME = "round-robin";

    private int lastId = Integer.MIN_VALUE;

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public int pick(List<? extends LinkView> links) {
        int n = links.size();
        int start = 0;
        for (int i = 0; i < n; i++) {
            if (links.get(i).id() == lastId) {
                start = i + 1;
                break;
            }
        }
        for (int k = 0; k < n; k++) {
            LinkView l = links.get((start + k) % n);
            if (l.hasRoom()) {
                lastId = l.id();
                return l.id();
            }
        }
        return NONE;
    }
}
