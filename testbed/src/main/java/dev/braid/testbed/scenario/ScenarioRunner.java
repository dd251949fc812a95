package dev.braid.testbed.scenario;

import dev.braid.core.time.SystemClock;
import dev.braid.multilink.protocol.AckMessage;
import dev.braid.multilink.protocol.DataHeader;
import dev.braid.multilink.protocol.DiscardReason;
import dev.braid.multilink.protocol.DropReason;
import dev.braid.multilink.protocol.MultilinkReceiver;
import dev.braid.multilink.protocol.MultilinkSender;
import dev.braid.multilink.protocol.PacketCopier;
import dev.braid.multilink.protocol.ReceiverOutput;
import dev.braid.multilink.protocol.ResequencerStats;
import dev.braid.multilink.protocol.SenderOutput;
import dev.braid.testbed.link.DirectionSpec;
import dev.braid.testbed.link.QueueLimit;
import dev.braid.testbed.sim.CbrSource;
import dev.braid.testbed.sim.SimLink;
import dev.braid.testbed.sim.Simulation;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.List;
import org.HdrHistogram.Histogram;

/**
 * Runs a {@link Scenario} in virtual time. Flow of a packet:
 * <ol>
 *   <li>the {@link CbrSource} offers it to the {@link MultilinkSender} (which sends or drops it);</li>
 *   <li>the forward {@link SimLink} of the chosen path queues, serializes, delays or loses it;</li>
 *   <li>on arrival it counts for its link and, once per inner packet, for the aggregate; the
 *       {@link MultilinkReceiver} buffers it and delivers it in order to the "TUN" (in-order
 *       goodput, hold delay);</li>
 *   <li>the receiver's acks travel back over the path's reverse {@link SimLink} (same one-way
 *       delay and jitter, unlimited rate, no loss) to {@link MultilinkSender#onAck};</li>
 *   <li>both engines' timers are re-armed after every call into them ({@link DeadlineTimer}).</li>
 * </ol>
 * The same scenario (seed included) always gives the same result; only {@code wallNanos} differs.
 *
 * <pre>{@code
 * ScenarioResult r = ScenarioRunner.run(Scenario.builder("8:2",
 *         List.of(LinkProfile.of(8, 0.5), LinkProfile.of(2, 0.5))).durationNanos(20_000_000_000L).build());
 * }</pre>
 */
public final class ScenarioRunner {

    /** IPv4 + UDP header bytes charged to each ack on the reverse link. */
    private static final int ACK_OUTER_BYTES = 28;

    private final Scenario scenario;
    private final Simulation sim;
    private final MultilinkSender<SimPacket> sender;
    private final MultilinkReceiver<SimPacket> receiver;
    private final List<SimLink<SimPacket>> forward = new ArrayList<>();
    private final List<SimLink<AckMessage>> reverse = new ArrayList<>();
    private final DeadlineTimer senderTimer;
    private final DeadlineTimer receiverTimer;
    private final ThroughputSeries series;
    private final BitSet arrived = new BitSet();
    private final Histogram hold = new Histogram(3);
    private final Histogram occupancy = new Histogram(3);
    private final long[] linkBytes;
    /** A repair travels as its own object: the send stamps header and link on it. */
    private static final PacketCopier<SimPacket> FRESH_COPY = new PacketCopier<>() {
        @Override
        public SimPacket copy(SimPacket packet) {
            return new SimPacket(packet.innerSeq);
        }

        @Override
        public void release(SimPacket copy) {
        }
    };
    private final SenderOutput<SimPacket> senderOutput = new SenderOutput<>() {
        @Override
        public void send(int linkId, DataHeader header, SimPacket packet) {
            packet.header = header;
            packet.linkId = linkId;
            forward.get(linkId).send(packet, scenario.wireBytes());
        }

        @Override
        public void drop(SimPacket packet, DropReason reason) {
            senderDropped++;
        }
    };
    private final ReceiverOutput<SimPacket> receiverOutput = new ReceiverOutput<>() {
        @Override
        public void deliver(SimPacket packet) {
            onDeliver(packet);
        }

        @Override
        public void deliverLate(SimPacket packet) {
            discarded++; // the paper's resequencer drops what comes after its seq was given up
        }

        @Override
        public void sendAck(int linkId, AckMessage ack) {
            reverse.get(linkId).send(ack, AckMessage.HEADER_SIZE + ack.vectorLength() + ACK_OUTER_BYTES);
        }

        @Override
        public void discard(SimPacket packet, DiscardReason reason) {
            discarded++;
        }
    };

    private long senderDropped;
    private long discarded;
    private long aggregateBytes;
    private long inOrderBytes;
    private long lastDeliveredSeq = -1;
    private long orderViolations;
    private int bufferMaxPackets;
    private long bufferMaxBytes;

    private ScenarioRunner(Scenario scenario) {
        this.scenario = scenario;
        this.sim = new Simulation(scenario.seed());
        this.sender = new MultilinkSender<>(scenario.settings(), FRESH_COPY);
        this.receiver = new MultilinkReceiver<>(scenario.settings());
        int n = scenario.links().size();
        this.linkBytes = new long[n];
        int bins = (int) ((scenario.durationNanos() + scenario.binNanos() - 1) / scenario.binNanos());
        this.series = new ThroughputSeries(scenario.binNanos(), bins, n);
        this.senderTimer = new DeadlineTimer(sim, sender::nextDeadlineNanos,
                now -> sender.onTimer(now, senderOutput));
        this.receiverTimer = new DeadlineTimer(sim, receiver::nextDeadlineNanos,
                now -> receiver.onTimer(now, receiverOutput));
        for (int id = 0; id < n; id++) {
            LinkProfile p = scenario.links().get(id);
            final int linkId = id;
            DirectionSpec up = DirectionSpec.builder().rate(p.rateBitsPerSecond())
                    .delay(p.oneWayDelayNanos()).jitter(p.jitterNanos()).loss(p.lossProbability())
                    .queue(QueueLimit.delay(scenario.queueNanos(p))).trace(p.trace()).build();
            // Acks see the path's jitter too (it stretches and bunches their spacing), never its loss.
            DirectionSpec down = DirectionSpec.builder().delay(p.oneWayDelayNanos()).jitter(p.jitterNanos()).build();
            forward.add(new SimLink<SimPacket>(sim, up, sim.newSeed(), packet -> onArrival(linkId, packet)));
            reverse.add(new SimLink<AckMessage>(sim, down, sim.newSeed(), ack -> onAck(linkId, ack)));
            // Weighted scheduler: weight = rate in kbit/s (the task's "weights = link rates").
            sender.addLink(id, (int) Math.max(1, Math.min(Integer.MAX_VALUE, p.rateBitsPerSecond() / 1000)));
            receiver.addLink(0, id);
        }
    }

    /** Runs the scenario to its end and measures it. */
    public static ScenarioResult run(Scenario scenario) {
        return run(scenario, null);
    }

    /**
     * Runs the scenario to its end and measures it, telling {@code listener} (if not null) about
     * every completed time-series bin as the virtual time passes it.
     */
    public static ScenarioResult run(Scenario scenario, BinListener listener) {
        long wallStart = SystemClock.INSTANCE.nanos();
        ScenarioRunner runner = new ScenarioRunner(scenario);
        CbrSource source = new CbrSource(runner.sim, scenario.offeredBitsPerSecond(), scenario.packetBytes(),
                0, scenario.durationNanos(), runner::onOffer).start();
        if (listener != null) {
            runner.reportBins(listener);
        }
        runner.sim.runUntil(scenario.durationNanos());
        if (listener != null && runner.series.bins() > 0) {
            listener.binDone(runner.series.bins() - 1, runner.series); // the last bin ends at the end
        }
        return runner.result(source.packetsSent(), SystemClock.INSTANCE.nanos() - wallStart);
    }

    /** Reports bin i when the clock reaches its end (the last bin is reported after the run). */
    private void reportBins(BinListener listener) {
        for (int i = 0; i + 1 < series.bins(); i++) {
            final int bin = i;
            sim.schedule((i + 1) * scenario.binNanos(), () -> listener.binDone(bin, series));
        }
    }

    private void onOffer(long innerSeq) {
        sender.offer(sim.now(), new SimPacket(innerSeq), scenario.packetBytes(), senderOutput);
        senderTimer.rearm();
    }

    private void onArrival(int linkId, SimPacket packet) {
        long now = sim.now();
        packet.arrivalNanos = now;
        int bytes = scenario.packetBytes();
        series.addLink(now, linkId, bytes);
        if (now >= scenario.warmupNanos()) {
            linkBytes[linkId] += bytes;
        }
        // Unique by inner packet (one global seq each): a duplicate would not count twice.
        boolean tracked = packet.innerSeq <= Integer.MAX_VALUE; // 2^31 packets: 25 days at 1 Gbit/s
        if (!tracked || !arrived.get((int) packet.innerSeq)) {
            if (tracked) {
                arrived.set((int) packet.innerSeq);
            }
            series.addAggregate(now, bytes);
            if (now >= scenario.warmupNanos()) {
                aggregateBytes += bytes;
            }
        }
        receiver.onData(now, linkId, packet.header, packet, bytes, receiverOutput);
        ResequencerStats stats = receiver.stats();
        bufferMaxPackets = Math.max(bufferMaxPackets, stats.bufferedPackets());
        bufferMaxBytes = Math.max(bufferMaxBytes, stats.bufferedBytes());
        occupancy.recordValue(stats.bufferedPackets());
        receiverTimer.rearm();
    }

    private void onDeliver(SimPacket packet) {
        long now = sim.now();
        hold.recordValue(now - packet.arrivalNanos);
        if (packet.innerSeq <= lastDeliveredSeq) {
            orderViolations++;
        }
        lastDeliveredSeq = packet.innerSeq;
        series.addInOrder(now, scenario.packetBytes());
        if (now >= scenario.warmupNanos()) {
            inOrderBytes += scenario.packetBytes();
        }
    }

    private void onAck(int linkId, AckMessage ack) {
        sender.onAck(sim.now(), linkId, ack, senderOutput);
        senderTimer.rearm();
    }

    private ScenarioResult result(long offered, long wallNanos) {
        double window = (scenario.durationNanos() - scenario.warmupNanos()) / 1e9;
        List<Long> perLink = new ArrayList<>();
        List<Long> linkDrops = new ArrayList<>();
        for (int i = 0; i < linkBytes.length; i++) {
            perLink.add(linkBytes[i]);
            linkDrops.add(forward.get(i).counters().droppedTotal());
        }
        if (orderViolations != 0) {
            throw new IllegalStateException("resequencer delivered out of order " + orderViolations + " times");
        }
        return new ScenarioResult(scenario, List.copyOf(perLink), aggregateBytes * 8 / window,
                inOrderBytes * 8 / window, Math.round(hold.getMean()), hold.getValueAtPercentile(50), hold.getValueAtPercentile(99),
                hold.getMaxValue(), bufferMaxPackets, occupancy.getValueAtPercentile(99), bufferMaxBytes,
                offered, senderDropped, List.copyOf(linkDrops), receiver.stats(), series,
                sim.executedActions(), wallNanos);
    }
}
