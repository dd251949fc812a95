package dev.braid.testbed.scenario;

import dev.braid.multilink.protocol.ResequencerStats;
import java.util.List;
import java.util.Locale;

/**
 * What one {@link ScenarioRunner} run measured. Rates are inner (goodput) bits per second over
 * the measurement window {@code [warmup, duration)}; delays are nanoseconds.
 *
 * @param scenario             what ran
 * @param linkDeliveredBytes   inner bytes each forward link delivered in the window, by link id
 * @param aggregateBitsPerSecond unique inner packets arriving at the receiver (by global seq,
 *                             never counting a duplicate), before resequencing
 * @param inOrderBitsPerSecond inner packets the resequencer wrote to the "TUN" (in order)
 * @param holdMeanNanos        resequencer hold delay per delivered packet (0 when delivered at
 *                             once): mean ...
 * @param holdP50Nanos         ... median ...
 * @param holdP99Nanos         ... 99th percentile ...
 * @param holdMaxNanos         ... and maximum, over the whole run
 * @param bufferMaxPackets     most packets the resequencer held at once
 * @param bufferP99Packets     99th percentile of the occupancy seen at each arrival
 * @param bufferMaxBytes       most bytes the resequencer held at once
 * @param offeredPackets       packets the CBR source offered
 * @param senderDropped        packets the sender dropped (no window room)
 * @param linkDroppedPackets   packets the forward links dropped (queue full, loss), by link id
 * @param resequencer          resequencer counters at the end
 * @param series               per-bin throughput over the whole run
 * @param eventsExecuted       simulation actions run
 * @param wallNanos            real time the run took
 */
public record ScenarioResult(Scenario scenario, List<Long> linkDeliveredBytes,
                             double aggregateBitsPerSecond, double inOrderBitsPerSecond,
                             long holdMeanNanos, long holdP50Nanos, long holdP99Nanos, long holdMaxNanos,
                             int bufferMaxPackets, long bufferP99Packets, long bufferMaxBytes,
                             long offeredPackets, long senderDropped, List<Long> linkDroppedPackets,
                             ResequencerStats resequencer, ThroughputSeries series,
                             long eventsExecuted, long wallNanos) {

    public double aggregateMbit() {
        return aggregateBitsPerSecond / 1e6;
    }

    public double inOrderMbit() {
        return inOrderBitsPerSecond / 1e6;
    }

    public double sumMbit() {
        return scenario.sumRateBitsPerSecond() / 1e6;
    }

    /** Aggregate goodput as a fraction of the sum of the link rates. */
    public double aggregateOfSum() {
        return aggregateBitsPerSecond / scenario.sumRateBitsPerSecond();
    }

    /** In-order goodput as a fraction of the sum of the link rates. */
    public double inOrderOfSum() {
        return inOrderBitsPerSecond / scenario.sumRateBitsPerSecond();
    }

    /** Inner bit rate of one link over the window. */
    public double linkBitsPerSecond(int link) {
        return linkDeliveredBytes.get(link) * 8.0 * 1e9
                / (scenario.durationNanos() - scenario.warmupNanos());
    }

    /**
     * The numbers that must match between two runs of the same scenario and seed (everything but
     * the wall time and the series object).
     */
    public String fingerprint() {
        return String.join("|", linkDeliveredBytes.toString(), Double.toString(aggregateBitsPerSecond),
                Double.toString(inOrderBitsPerSecond), Long.toString(holdMeanNanos), Long.toString(holdP50Nanos),
                Long.toString(holdP99Nanos), Long.toString(holdMaxNanos),
                Integer.toString(bufferMaxPackets), Long.toString(bufferP99Packets),
                Long.toString(bufferMaxBytes), Long.toString(offeredPackets),
                Long.toString(senderDropped), linkDroppedPackets.toString(), resequencer.toString(),
                Long.toString(eventsExecuted));
    }

    @Override
    public String toString() {
        return String.format(Locale.ROOT,
                "%s [%s]: sum %.1f Mbit/s, aggregate %.3f (%.1f %%), in-order %.3f (%.1f %%), "
                        + "hold mean/p50/p99/max %.1f/%.1f/%.1f/%.1f ms, buffer max %d pkts, links %s, wall %d ms",
                scenario.name(), scenario.settings().scheduler(), sumMbit(), aggregateMbit(),
                100 * aggregateOfSum(), inOrderMbit(), 100 * inOrderOfSum(), holdMeanNanos / 1e6, holdP50Nanos / 1e6,
                holdP99Nanos / 1e6, holdMaxNanos / 1e6, bufferMaxPackets, linkDeliveredBytes,
                wallNanos / 1_000_000);
    }
}
