package dev.braid.testbed.demo;

import dev.braid.core.time.Clock;
import dev.braid.testbed.linkem.Direction;
import dev.braid.testbed.linkem.DirectionCounters;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/**
 * Turns the running world's counters into one {@link Sample} per call: the emulators' downstream
 * counters (what each link carried), the proxy's status (CCID2 state, packets sent and lost per
 * link), the client's status (the resequencer), the sink (in-order deliveries) and, with
 * {@code --realtime}, the realtime stream's ledger.
 */
final class DemoSampler {
    private final Clock clock;
    private final long startNanos;
    private final DemoWorld world;
    private final GoodputSink sink;
    private final int packetBits;
    private final int linkCount;
    private final RealtimeSampler realtime;
    private final long[] lastWireBytes;
    private final long[] lastQueueDrops;
    private final double[] lastSent;
    private final double[] lastLost;
    private double lastArrived;
    private long lastInOrder;
    private long lastProxyDrops;
    private double lastSeconds;

    /** @param realtime the realtime stream's part of each sample, or null without one */
    DemoSampler(DemoWorld world, GoodputSink sink, RealtimeSampler realtime, int packetSize, Clock clock,
                long startNanos) {
        this.realtime = realtime;
        this.clock = clock;
        this.startNanos = startNanos;
        this.world = world;
        this.sink = sink;
        this.packetBits = packetSize * 8;
        this.linkCount = world.emulators().size();
        this.lastWireBytes = new long[linkCount];
        this.lastQueueDrops = new long[linkCount];
        this.lastSent = new double[linkCount];
        this.lastLost = new double[linkCount];
    }

    /**
     * The interval since the previous call (or since the start). The local counters (links, sink)
     * are read together with the time; the status texts follow within milliseconds.
     */
    Sample take() throws IOException {
        long[] wireNow = new long[linkCount];
        long[] queueDropsNow = new long[linkCount];
        for (int i = 0; i < linkCount; i++) {
            DirectionCounters down = world.emulators().get(i).counters(Direction.DOWN);
            wireNow[i] = down.forwardedBytes();
            queueDropsNow[i] = down.droppedTotal();
        }
        long inOrder = sink.inOrder();
        long now = clock.nanos();
        double seconds = (now - startNanos) / 1e9;
        StatusText proxy = StatusText.parse(world.proxyStatus());
        StatusText client = StatusText.parse(world.clientStatus());
        double dt = Math.max(1e-3, seconds - lastSeconds);
        double sentTotal = 0;
        double[] sent = new double[linkCount];
        for (int i = 0; i < linkCount; i++) {
            sent[i] = nonNegative(proxy.multilink(i, "sent") - lastSent[i]);
            sentTotal += sent[i];
        }
        List<Sample.LinkSample> links = new ArrayList<>();
        for (int i = 0; i < linkCount; i++) {
            long wire = wireNow[i];
            long queueDrops = queueDropsNow[i];
            double lostNow = proxy.multilink(i, "lost");
            double lost = nonNegative(lostNow - lastLost[i]);
            links.add(new Sample.LinkSample((wire - lastWireBytes[i]) * 8 / dt / 1e6,
                    (int) zeroIfNaN(proxy.multilink(i, "cwnd")), zeroIfNaN(proxy.multilink(i, "srtt")),
                    sent[i] > 0 ? 100 * lost / sent[i] : 0, sentTotal > 0 ? 100 * sent[i] / sentTotal : 0,
                    queueDrops - lastQueueDrops[i]));
            lastWireBytes[i] = wire;
            lastQueueDrops[i] = queueDrops;
            lastSent[i] = zeroIfNaN(proxy.multilink(i, "sent"));
            lastLost[i] = zeroIfNaN(lostNow);
        }
        // Every unique arrival is either delivered already or still buffered (duplicates are neither).
        int buffered = (int) zeroIfNaN(client.resequencer("buffered"));
        double arrived = zeroIfNaN(client.resequencer("delivered")) + buffered;
        long proxyDrops = proxy.drops("congestion");
        Sample sample = new Sample(seconds, links, nonNegative(arrived - lastArrived) * packetBits / dt / 1e6,
                (inOrder - lastInOrder) * (double) packetBits / dt / 1e6, buffered, proxyDrops - lastProxyDrops,
                realtime == null ? null : realtime.take(now, proxy));
        lastArrived = arrived;
        lastInOrder = inOrder;
        lastProxyDrops = proxyDrops;
        lastSeconds = seconds;
        return sample;
    }

    private static double zeroIfNaN(double value) {
        return Double.isNaN(value) ? 0 : value;
    }

    private static double nonNegative(double value) {
        return Double.isNaN(value) ? 0 : Math.max(0, value);
    }
}
