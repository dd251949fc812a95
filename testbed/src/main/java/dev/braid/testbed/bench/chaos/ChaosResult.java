package dev.braid.testbed.bench.chaos;

import dev.braid.testbed.bench.realtime.ProbeStats;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A chaos run: each event's outcome, the flows over the whole run, and the health figures.
 *
 * @param tcpError      why the TCP flow did not finish, or null
 * @param tunnelAtEnd   whether a ping through the tunnel worked within 30 s after the last event
 * @param leakReports   Netty "LEAK:" reports (paranoid detection) in every Braid process's log
 */
public record ChaosResult(String profile, int seconds, List<EventOutcome> events, ProbeStats udp, double tcpMbit,
                          String tcpError, boolean tunnelAtEnd, int leakReports, List<MemorySample> memory) {

    /** Sessions not back after an event (the probe never arrived again), plus one if the tunnel was dead at the end. */
    public int sessionsLost() {
        int lost = (int) events.stream().filter(e -> !e.udpBack()).count();
        return lost + (tunnelAtEnd ? 0 : 1);
    }

    /** RSS growth in percent of each process instance, from its first to its last sample (a sample of an ended process, 0, is skipped). */
    public Map<String, Double> rssGrowthPercent() {
        Map<String, Double> growth = new LinkedHashMap<>();
        Map<String, MemorySample> first = new LinkedHashMap<>();
        for (MemorySample sample : memory) {
            if (sample.rssKiB() == 0) {
                continue;
            }
            first.putIfAbsent(sample.instance(), sample);
            MemorySample from = first.get(sample.instance());
            growth.put(sample.instance(), 100.0 * (sample.rssKiB() - from.rssKiB()) / from.rssKiB());
        }
        return growth;
    }
}
