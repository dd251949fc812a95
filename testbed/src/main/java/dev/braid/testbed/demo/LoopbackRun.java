package dev.braid.testbed.demo;

import dev.braid.core.time.SystemClock;
import dev.braid.testbed.link.CapacityTrace;
import dev.braid.testbed.link.DirectionSpec;
import dev.braid.testbed.link.LinkSpec;
import dev.braid.testbed.link.QueueLimit;
import java.io.PrintWriter;
import java.io.Writer;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The demo's real-time run as a library call, for benches: proxy + client in this process with the
 * real multilink data path, one {@code LinkEmulator} per link on loopback, a CBR stream from the
 * proxy side to the client for a while, and what arrived. Nothing is printed and no file is written.
 *
 * <p>Unlike {@code braid demo}, the ack direction of each link is not rate-limited (only delayed),
 * as in the virtual-time scenarios, and a link may follow a capacity trace.
 */
public final class LoopbackRun {

    /**
     * One emulated link.
     *
     * @param rateBitsPerSecond data-direction rate (ignored, but reported, when {@code trace} is set)
     * @param rttNanos          round-trip time; each direction gets half
     * @param trace             data-direction capacity trace (mahimahi, looping), or null
     */
    public record Link(long rateBitsPerSecond, long rttNanos, CapacityTrace trace) {
        public Link {
            if (rateBitsPerSecond <= 0 || rttNanos < 0) {
                throw new IllegalArgumentException("rate must be > 0 and rtt >= 0");
            }
        }
    }

    /**
     * What one run measured at the client's TUN (inner packets of {@code packetBytes}).
     *
     * @param elapsedSeconds         how long the stream ran
     * @param aggregateMbit          unique packets delivered, Mbit/s over the run
     * @param inOrderMbit            of those, delivered in order, Mbit/s over the run
     * @param binSeconds             width of the in-order bins
     * @param inOrderMbitPerBin      in-order goodput per bin
     * @param aggregateMbitPerSecond packets reaching the client's resequencer, per second
     * @param sent                   packets the generator injected at the proxy
     * @param skipped                packets the generator never sent because its thread fell behind
     *                               (a CPU-starved machine, not Braid)
     * @param proxyDrops             packets the proxy dropped because no link's window had room
     */
    public record Result(double elapsedSeconds, double aggregateMbit, double inOrderMbit, double binSeconds,
                         double[] inOrderMbitPerBin, double[] aggregateMbitPerSecond, long sent, long skipped,
                         long proxyDrops) {}

    /** The demo's packet size. */
    public static final int PACKET_BYTES = DemoCommand.PACKET_SIZE;

    private LoopbackRun() {
    }

    /** Runs the stream for {@code durationNanos} (at least 1 s) and waits for the packets in flight. */
    public static Result run(List<Link> links, long offeredBitsPerSecond, long durationNanos, String scheduler)
            throws Exception {
        List<DemoLink> demoLinks = new ArrayList<>();
        for (Link link : links) {
            demoLinks.add(demoLink(link));
        }
        DemoSettings settings = new DemoSettings(demoLinks, durationNanos, scheduler, offeredBitsPerSecond,
                PACKET_BYTES, Path.of("."), false, false);
        DemoResult r;
        try (Quiet quiet = Quiet.logs()) {
            r = new DemoRun(settings, SystemClock.INSTANCE, new PrintWriter(Writer.nullWriter())).run();
        }
        double bitsPerPacket = PACKET_BYTES * 8.0;
        double[] bins = new double[r.inOrderBins().length];
        for (int i = 0; i < bins.length; i++) {
            bins[i] = r.inOrderBins()[i] * bitsPerPacket / r.binSeconds() / 1e6;
        }
        double[] perSecond = r.samples().stream().mapToDouble(Sample::aggregateMbps).toArray();
        return new Result(r.elapsedSeconds(), r.aggregateMbps(), r.inOrderMbps(), r.binSeconds(), bins, perSecond,
                r.sent(), r.skipped(), r.proxyDrops());
    }

    private static DemoLink demoLink(Link link) {
        long oneWay = link.rttNanos() / 2;
        DirectionSpec down = DirectionSpec.builder().rate(link.rateBitsPerSecond()).trace(link.trace())
                .delay(oneWay).queue(QueueLimit.delay(DemoLink.queueNanos(link.rttNanos()))).build();
        DirectionSpec up = DirectionSpec.builder().delay(oneWay).build();
        String text = String.format(Locale.ROOT, "%.3fmbit/%.1fms%s", link.rateBitsPerSecond() / 1e6,
                link.rttNanos() / 1e6, link.trace() == null ? "" : ",trace=" + link.trace().source());
        return new DemoLink(text, link.rateBitsPerSecond(), link.rttNanos(), new LinkSpec(up, down));
    }
}
