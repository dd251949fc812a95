package dev.braid.testbed.bench.path;

import java.util.Map;

/**
 * One measured flow of the path benchmark.
 *
 * @param load      "idle" or "hog" (a busy loop on one core beside the tunnel)
 * @param run       1-based repetition; rows of one run are compared with each other
 * @param variant   the variant's label (direct, single, wireguard, SCHEDULER-POLICY[-KEY-VALUE])
 * @param links     "best" (one link), "both" or "ref" (the reference link of the summed rate)
 * @param traffic   "tcp" (one iperf3 flow) or "udp" (a flood at 1.2x the sum)
 * @param mbit      goodput at the receiver; NaN when the run failed
 * @param queueMs   median smoothed RTT above the link's min RTT, per link of the sending end (Braid multilink only)
 * @param bottleneckQueueMs median time the backlog in each link's tbf of the flow's direction takes to drain
 */
public record PathResult(String profile, String load, int run, String variant, String links, String traffic,
                         String direction, double mbit, long retransmits, Map<String, Double> queueMs,
                         Map<String, Double> bottleneckQueueMs) {
    public PathResult {
        queueMs = Map.copyOf(queueMs);
        bottleneckQueueMs = Map.copyOf(bottleneckQueueMs);
    }

    /** The same flow of another variant/links in the same run. */
    boolean sameFlow(PathResult other) {
        return profile.equals(other.profile) && load.equals(other.load) && run == other.run
                && traffic.equals(other.traffic) && direction.equals(other.direction);
    }
}
