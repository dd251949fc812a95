package dev.braid.testbed.demo;

import java.util.List;

/**
 * What a finished (or interrupted) run measured.
 *
 * @param elapsedSeconds  how long the stream ran
 * @param interrupted     stopped early by Ctrl-C
 * @param sent            packets the generator injected at the proxy
 * @param skipped         packets the generator never sent because it stalled (a loaded machine)
 * @param unique          unique packets delivered to the client's TUN (goodput)
 * @param inOrder         of those, delivered in order
 * @param duplicates      deliveries of a sequence number already delivered (never goodput)
 * @param late            unique deliveries after a higher sequence number
 * @param wireBytes       per link, bytes the emulated link carried downstream
 * @param queueDrops      per link, datagrams its queue dropped downstream
 * @param inOrderBins     in-order packets per {@code binSeconds}
 * @param realtime        the realtime stream, or null without {@code --realtime}
 */
record DemoResult(DemoSettings settings, List<Sample> samples, double elapsedSeconds, boolean interrupted,
                  long sent, long skipped, long unique, long inOrder, long duplicates, long late, long proxyDrops,
                  List<Long> wireBytes, List<Long> queueDrops, long[] inOrderBins, double binSeconds,
                  RealtimeResult realtime) {

    double mbps(long packets) {
        return elapsedSeconds <= 0 ? 0 : packets * settings.packetSize() * 8.0 / elapsedSeconds / 1e6;
    }

    /** Unique packets delivered, as Mbit/s over the whole run. */
    double aggregateMbps() {
        return mbps(unique);
    }

    double inOrderMbps() {
        return mbps(inOrder);
    }

    /** Seconds of slow start and first losses that the steady-state figures leave out. */
    double warmupSeconds() {
        return warmupSeconds(elapsedSeconds);
    }

    static double warmupSeconds(double elapsedSeconds) {
        return Math.min(5, Math.floor(elapsedSeconds / 4));
    }

    /** Mean aggregate goodput of the samples after the warm-up, or NaN without such samples. */
    double steadyAggregateMbps() {
        return samples.stream().filter(s -> s.seconds() > warmupSeconds() + 0.5)
                .mapToDouble(Sample::aggregateMbps).average().orElse(Double.NaN);
    }

    double steadyInOrderMbps() {
        return samples.stream().filter(s -> s.seconds() > warmupSeconds() + 0.5)
                .mapToDouble(Sample::inOrderMbps).average().orElse(Double.NaN);
    }

    int maxBuffered() {
        return samples.stream().mapToInt(Sample::resequencerBuffered).max().orElse(0);
    }
}
