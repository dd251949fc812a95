package dev.braid.testbed.bench.chaos;

/**
 * One event of a chaos run and what the flows saw from its start to the next event's start.
 *
 * @param udpLongestGapMs  the longest time without an arrival of the UDP probe in that window
 * @param udpBack          whether the probe arrived again after the event was over
 * @param tcpStallSeconds  the longest run of half-second intervals in which the TCP flow moved
 *                         less than a tenth of its median rate
 */
public record EventOutcome(ChaosEvent event, double atSeconds, double tookSeconds, double udpLongestGapMs,
                           boolean udpBack, double tcpStallSeconds) {
}
