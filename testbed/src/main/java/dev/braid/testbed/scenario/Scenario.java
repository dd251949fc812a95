package dev.braid.testbed.scenario;

import dev.braid.multilink.protocol.DataHeader;
import dev.braid.multilink.protocol.MultilinkSettings;
import java.util.List;
import java.util.Objects;

/**
 * A deterministic aggregation experiment: a CBR source offering {@code offeredLoadFactor} x the
 * sum of the link rates in {@code packetBytes}-byte inner packets into one multilink tunnel over
 * {@code links}, for {@code durationNanos} of virtual time.
 *
 * <p>Drop-tail queue of each forward bottleneck: it holds at most
 * {@code max(link RTT, minQueueNanos)} of queueing delay at the link's rate, i.e. one
 * bandwidth-delay product (the classic size that lets one AIMD flow keep its link busy), but never
 * less than {@code minQueueNanos} (default 50 ms), because the BDP of a sub-millisecond RTT is less
 * than one packet.
 *
 * <p>Each packet costs {@code packetBytes + overheadBytes} on the link (default overhead 40 B:
 * the 12 B multilink data header plus 28 B IPv4 + UDP; session crypto framing is not modelled);
 * goodput counts inner bytes only.
 *
 * @param name              label used in reports
 * @param links             the paths, link ids 0..n-1 in this order
 * @param settings          multilink settings (scheduler, congestion control, resequencer...)
 * @param offeredLoadFactor offered inner bit rate / sum of link rates
 * @param packetBytes       inner packet size
 * @param overheadBytes     extra bytes per packet on the forward links
 * @param minQueueNanos     lower bound of each forward queue, in queueing delay
 * @param durationNanos     virtual time the source sends and results are measured over
 * @param warmupNanos       results count only deliveries at or after this time (0 = all)
 * @param binNanos          width of one time-series bin
 * @param seed              seed of every random source (loss, jitter)
 */
public record Scenario(String name, List<LinkProfile> links, MultilinkSettings settings,
                       double offeredLoadFactor, int packetBytes, int overheadBytes,
                       long minQueueNanos, long durationNanos, long warmupNanos, long binNanos,
                       long seed) {

    private static final long MS = 1_000_000L;

    public Scenario {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(settings, "settings");
        links = List.copyOf(links);
        if (links.isEmpty()) {
            throw new IllegalArgumentException("at least one link");
        }
        if (!(offeredLoadFactor > 0) || packetBytes <= 0 || overheadBytes < 0 || minQueueNanos < 0
                || durationNanos <= 0 || warmupNanos < 0 || warmupNanos >= durationNanos
                || binNanos <= 0) {
            throw new IllegalArgumentException("invalid scenario parameters");
        }
    }

    /** Defaults: most-free-window, 1.2x load, 1400 B, 50 ms minimum queue, 60 s, 100 ms bins, seed 1. */
    public static Builder builder(String name, List<LinkProfile> links) {
        return new Builder(name, links);
    }

    public Builder toBuilder() {
        return new Builder(name, links).settings(settings).offeredLoadFactor(offeredLoadFactor)
                .packetBytes(packetBytes).overheadBytes(overheadBytes).minQueueNanos(minQueueNanos)
                .durationNanos(durationNanos).warmupNanos(warmupNanos).binNanos(binNanos).seed(seed);
    }

    /** Sum of the forward link rates. */
    public long sumRateBitsPerSecond() {
        long sum = 0;
        for (LinkProfile l : links) {
            sum += l.rateBitsPerSecond();
        }
        return sum;
    }

    /** The CBR source's inner bit rate. */
    public long offeredBitsPerSecond() {
        return Math.round(sumRateBitsPerSecond() * offeredLoadFactor);
    }

    /** Bytes one packet occupies on a forward link. */
    public int wireBytes() {
        return packetBytes + overheadBytes;
    }

    /** Forward queue limit of a link, as queueing delay. */
    public long queueNanos(LinkProfile link) {
        return Math.max(link.rttNanos(), minQueueNanos);
    }

    /**
     * The reference: the same tunnel, load and settings over one link of the summed rate with the
     * smallest RTT, jitter and loss of any link (the best a single path could do).
     */
    public Scenario singleLinkBaseline() {
        LinkProfile best = links.get(0);
        for (LinkProfile l : links) {
            if (l.rttNanos() < best.rttNanos()) {
                best = l;
            }
        }
        LinkProfile one = new LinkProfile(sumRateBitsPerSecond(), best.rttNanos(), best.jitterNanos(),
                best.lossProbability());
        return toBuilder().name(name + " single-link").links(List.of(one)).build();
    }

    /** The same tunnel and load over the fastest link alone (the paper's "x:0" bars of fig. 4). */
    public Scenario fastestLinkOnly() {
        LinkProfile fastest = links.get(0);
        for (LinkProfile l : links) {
            if (l.rateBitsPerSecond() > fastest.rateBitsPerSecond()) {
                fastest = l;
            }
        }
        return toBuilder().name(name + " fastest link only").links(List.of(fastest)).build();
    }

    /** The same scenario with another scheduler. */
    public Scenario withScheduler(String scheduler) {
        return toBuilder().settings(settings.toBuilder().scheduler(scheduler).build()).build();
    }

    /** Mutable builder. */
    public static final class Builder {
        private String name;
        private List<LinkProfile> links;
        private MultilinkSettings settings = MultilinkSettings.defaults();
        private double offeredLoadFactor = 1.2;
        private int packetBytes = 1400;
        private int overheadBytes = DataHeader.SIZE + 28;
        private long minQueueNanos = 50 * MS;
        private long durationNanos = 60_000 * MS;
        private long warmupNanos;
        private long binNanos = 100 * MS;
        private long seed = 1;

        private Builder(String name, List<LinkProfile> links) {
            this.name = name;
            this.links = links;
        }

        public Builder name(String v) { name = v; return this; }
        public Builder links(List<LinkProfile> v) { links = v; return this; }
        public Builder settings(MultilinkSettings v) { settings = v; return this; }
        public Builder scheduler(String v) { settings = settings.toBuilder().scheduler(v).build(); return this; }
        public Builder offeredLoadFactor(double v) { offeredLoadFactor = v; return this; }
        public Builder packetBytes(int v) { packetBytes = v; return this; }
        public Builder overheadBytes(int v) { overheadBytes = v; return this; }
        public Builder minQueueNanos(long v) { minQueueNanos = v; return this; }
        public Builder durationNanos(long v) { durationNanos = v; return this; }
        public Builder warmupNanos(long v) { warmupNanos = v; return this; }
        public Builder binNanos(long v) { binNanos = v; return this; }
        public Builder seed(long v) { seed = v; return this; }

        public Scenario build() {
            return new Scenario(name, links, settings, offeredLoadFactor, packetBytes, overheadBytes,
                    minQueueNanos, durationNanos, warmupNanos, binNanos, seed);
        }
    }
}
