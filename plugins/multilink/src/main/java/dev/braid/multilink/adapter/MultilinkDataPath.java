package dev.braid.multilink.adapter;

import dev.braid.core.spi.DataPath;
import dev.braid.core.spi.LinkHandle;
import dev.braid.core.spi.LinkPriority;
import dev.braid.core.spi.LinkUse;
import dev.braid.core.spi.SessionContext;
import dev.braid.core.wire.DropReason;
import dev.braid.multilink.LiveScheduler;
import dev.braid.multilink.protocol.AckMessage;
import dev.braid.multilink.protocol.CongestionControl;
import dev.braid.multilink.protocol.DataHeader;
import dev.braid.multilink.protocol.FlowHolds;
import dev.braid.multilink.protocol.FlowSummary;
import dev.braid.multilink.protocol.FlowTable;
import dev.braid.multilink.protocol.FlowTableStats;
import dev.braid.multilink.protocol.InnerPacketParser;
import dev.braid.multilink.protocol.LinkStats;
import dev.braid.multilink.protocol.MalformedMessageException;
import dev.braid.multilink.protocol.MultilinkReceiver;
import dev.braid.multilink.protocol.MultilinkSender;
import dev.braid.multilink.protocol.MultilinkSettings;
import dev.braid.multilink.protocol.PacketCopier;
import dev.braid.multilink.protocol.PacketFacts;
import dev.braid.multilink.protocol.ReceiverOutput;
import dev.braid.multilink.protocol.Schedulers;
import dev.braid.multilink.protocol.SenderOutput;
import io.netty.buffer.ByteBuf;
import java.nio.ByteBuffer;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The Netty side of multilink for one session; all protocol decisions are the sans-I/O engines'.
 *
 * <pre>
 * TUN packet -> flow (5-tuple, class) -> sender.offer -> realtime: earliest-arrival link (+ copy)
 *                                        bulk: scheduler picks link (window) -> [16-byte header | packet] -> DATA on link
 * DATA on link -> header -> receiver.onData -> per-link ack (CONTROL 0x20) + resequencer -> TUN in order
 * ack on link -> sender.onAck -> CCID2 window grows / loss / RTO
 * </pre>
 * Packets are ByteBufs; each one is owned by exactly one place at a time (the engines pass
 * ownership through) and released where it is dropped. A session quiet for the flows' idle time
 * (30 s by default) gives back what its busy time grew: flow tables, queue, resequencer ring,
 * the links' sent-packet histories ({@link #releaseIdle}).
 */
final class MultilinkDataPath implements DataPath {
    /** Repair copies share the TUN packet's memory; only the reference count changes. */
    private static final PacketCopier<ByteBuf> RETAINED_DUPLICATE = new PacketCopier<>() {
        @Override
        public ByteBuf copy(ByteBuf packet) {
            return packet.retainedDuplicate();
        }

        @Override
        public void release(ByteBuf copy) {
            copy.release();
        }
    };

    /** Flow hashes are seeded per session, so no one outside can aim a 5-tuple flood at one bucket. */
    private static final SecureRandom HASH_SEEDS = new SecureRandom();
    private static final int TOP_FLOWS_IN_STATUS = 5;

    private final SessionContext session;
    private final FlowTable flows;
    private final InnerPacketParser<ByteBuf> parser;
    private final PacketFacts facts = new PacketFacts();
    private final FlowHolds holds;
    private final PacketFacts heldFacts = new PacketFacts();
    private final MultilinkSender<ByteBuf> sender;
    private final MultilinkReceiver<ByteBuf> receiver;
    private final Map<String, Integer> weights;
    private final MultilinkSettings settings;
    private final LiveScheduler liveScheduler;
    /** The scheduler the sender uses; compared by reference with the live one at every packet. */
    private String schedulerName;
    private final Map<Integer, LinkHandle> links = new HashMap<>();
    private final SenderOutput<ByteBuf> toLinks = new ToLinks();
    private final ReceiverOutput<ByteBuf> toTun = new ToTun();
    private long lastActivityNanos;
    /** Nothing grew since the last release (or since the start): no idle deadline. */
    private boolean idleReleased = true;

    MultilinkDataPath(SessionContext session, MultilinkSettings settings, Map<String, Integer> weights,
                      LiveScheduler liveScheduler) {
        this.session = session;
        this.sender = new MultilinkSender<>(settings, RETAINED_DUPLICATE);
        this.flows = new FlowTable(settings.flows());
        this.holds = new FlowHolds(settings.flows());
        this.parser = new InnerPacketParser<>(ByteBufPacketBytes.INSTANCE, HASH_SEEDS.nextLong());
        sender.useFlows(flows);
        this.receiver = new MultilinkReceiver<>(settings);
        this.weights = weights;
        this.settings = settings;
        this.liveScheduler = liveScheduler;
        this.schedulerName = settings.scheduler();
    }

    @Override
    public void onTunPacket(long nowNanos, ByteBuf packet) {
        if (liveScheduler.name() != schedulerName) { // a reload changed it
            schedulerName = liveScheduler.name();
            sender.useScheduler(Schedulers.create(schedulerName, settings));
        }
        active(nowNanos);
        int bytes = packet.readableBytes();
        parser.parse(packet, facts);
        int slot = flows.touch(nowNanos, facts, bytes);
        sender.offer(nowNanos, packet, bytes, slot, flows.realtime(slot), toLinks);
    }

    @Override
    public void onLinkData(long nowNanos, LinkHandle link, ByteBuf payload) {
        active(nowNanos);
        if (payload.readableBytes() < DataHeader.SIZE || !links.containsKey(link.id())) {
            payload.release();
            session.countDrop(DropReason.MALFORMED_BODY);
            return;
        }
        DataHeader header = new DataHeader(payload.readInt(), payload.readInt(), payload.readInt(),
                payload.readUnsignedShort(), payload.readUnsignedByte());
        payload.skipBytes(1); // reserved
        receiver.onData(nowNanos, link.id(), header, payload, payload.readableBytes(), toTun);
    }

    @Override
    public void onControl(long nowNanos, LinkHandle link, int controlType, ByteBuf body) {
        active(nowNanos);
        AckMessage ack;
        try {
            ByteBuffer bytes = body.nioBuffer();
            ack = AckMessage.decode(bytes);
        } catch (MalformedMessageException e) {
            session.countDrop(DropReason.MALFORMED_BODY);
            return;
        }
        sender.onAck(nowNanos, link.id(), ack, toLinks);
    }

    @Override
    public void onLinkAdded(long nowNanos, LinkHandle link) {
        if (links.put(link.id(), link) == null) {
            sender.addLink(link.id(), weights.getOrDefault(link.name(), 1));
            receiver.addLink(nowNanos, link.id());
            updateCarrying(nowNanos);
        }
    }

    @Override
    public void onLinkRemoved(long nowNanos, LinkHandle link) {
        if (links.remove(link.id()) != null) {
            sender.removeLink(nowNanos, link.id(), toLinks);
            receiver.removeLink(nowNanos, link.id(), toTun);
            updateCarrying(nowNanos);
        }
    }

    @Override
    public void onLinkStateChanged(long nowNanos, LinkHandle link) {
        if (links.containsKey(link.id())) {
            updateCarrying(nowNanos);
        }
    }

    /**
     * The engines see a link as up while it carries data: up and of the best tier that is up. A
     * standby link is down to them, so neither bulk, realtime, repairs nor the delay alignment wait
     * for it; its rate cap follows its use.
     */
    private void updateCarrying(long nowNanos) {
        List<LinkHandle> all = List.copyOf(links.values());
        LinkPriority best = LinkUse.bestUpTier(all);
        for (LinkHandle link : all) {
            boolean carries = link.isUp() && link.use().priority() == best;
            sender.setRateCap(link.id(), link.use().maxRateBitsPerSecond());
            if (sender.linkStats(link.id()).up() != carries) {
                sender.setLinkUp(nowNanos, link.id(), carries, toLinks);
            }
            receiver.setLinkUp(nowNanos, link.id(), carries, toTun);
        }
    }

    @Override
    public long nextDeadlineNanos() {
        return Math.min(Math.min(sender.nextDeadlineNanos(), receiver.nextDeadlineNanos()), idleDeadlineNanos());
    }

    @Override
    public void onTimer(long nowNanos) {
        if (sender.nextDeadlineNanos() <= nowNanos) {
            sender.onTimer(nowNanos, toLinks);
        }
        if (receiver.nextDeadlineNanos() <= nowNanos) {
            receiver.onTimer(nowNanos, toTun);
        }
        if (idleDeadlineNanos() <= nowNanos) {
            releaseIdle(nowNanos);
        }
    }

    private void active(long nowNanos) {
        lastActivityNanos = nowNanos;
        idleReleased = false;
    }

    /** When every flow of the last activity has expired: then the session is idle. */
    private long idleDeadlineNanos() {
        return idleReleased ? Long.MAX_VALUE : lastActivityNanos + settings.flows().flowIdleNanos();
    }

    /**
     * Shrinks what grew to its first size; the flow table only once the sender's queue is empty,
     * since a queued packet refers to its flow's slot.
     */
    private void releaseIdle(long nowNanos) {
        if (sender.releaseIdle()) {
            flows.releaseIdle(nowNanos);
        }
        holds.releaseIdle(nowNanos);
        receiver.releaseIdle();
        idleReleased = true;
    }

    @Override
    public Map<String, Object> status() {
        Map<String, Object> status = new LinkedHashMap<>();
        for (LinkHandle link : links.values()) {
            LinkStats s = sender.linkStats(link.id());
            status.put("multilink " + link.name(), String.format(
                    "cwnd %d pipe %d ssthresh %s %s rto %.0f ms sent %d acked %d lost %d timeouts %d repairs %d",
                    s.cwnd(), s.pipe(), s.ssthresh() > 1_000_000 ? "-" : s.ssthresh(),
                    rtts(s, sender.congestionControl(link.id())), s.rtoNanos() / 1e6, s.packetsSent(),
                    s.packetsAcked(), s.packetsLost(), s.timeouts(), s.repairsSent())
                    + realtime(s) + rateModel(sender.congestionControl(link.id())));
        }
        var r = receiver.stats();
        status.put("resequencer", String.format("delivered %d held %d buffered %d released-by-timeout %d "
                        + "skipped-as-lost %d overflow %d duplicates %d repaired %d late %d", r.delivered(), r.held(),
                r.bufferedPackets(), r.releasedByTimeout(), r.skippedAsLost(), r.overflow(), r.duplicates(),
                r.repaired(), r.late()));
        flowStatus(status);
        if (sender.repairsAbandoned() > 0 || sender.repairQueueSize() > 0) {
            status.put("repair", String.format("waiting %d abandoned %d (older than the repair age)",
                    sender.repairQueueSize(), sender.repairsAbandoned()));
        }
        return status;
    }

    /** The flows this end sends, by class, and the busiest of them; the flows it received that waited longest. */
    private void flowStatus(Map<String, Object> status) {
        FlowTableStats f = flows.stats();
        status.put("flows", String.format("tracked %d of %d (realtime %d bulk %d) created %d expired %d"
                        + " overflow-packets %d redundant-refused %d", f.tracked(), f.capacity(), f.realtime(),
                f.bulk(), f.created(), f.expired(), f.overflowPackets(), sender.redundantCopiesRefused()));
        int rank = 1;
        for (FlowHolds.Held held : holds.top(TOP_FLOWS_IN_STATUS)) {
            status.put("held " + rank++, String.format("%s %d packets held, mean %.1f ms max %.1f ms",
                    held.tuple(), held.packets(), held.meanHoldNanos() / 1e6, held.maxHoldNanos() / 1e6));
        }
        rank = 1;
        for (FlowSummary flow : flows.top(TOP_FLOWS_IN_STATUS, session.clock().nanos())) {
            LinkHandle on = links.get(flow.link());
            status.put("flow " + rank++, String.format("%s %s %.1f kbit/s %d packets mean %d B%s%s",
                    flow.tuple(), flow.flowClass().name().toLowerCase(Locale.ROOT),
                    flow.rateBitsPerSecond() / 1e3, flow.packets(), flow.meanPacketBytes(),
                    on == null ? "" : " link " + on.name(),
                    flow.duplicatesSent() == 0 ? "" : " copies " + flow.duplicatesSent()));
        }
    }

    @Override
    public Map<String, Object> statusFigures() {
        Map<String, Object> figures = new LinkedHashMap<>();
        var r = receiver.stats();
        figures.put("resequencer", ordered("delivered", r.delivered(), "held", r.held(),
                "buffered", r.bufferedPackets(), "released_by_timeout", r.releasedByTimeout(),
                "skipped_as_lost", r.skippedAsLost(), "overflow", r.overflow(), "duplicates", r.duplicates(),
                "repaired", r.repaired(), "late", r.late()));
        FlowTableStats f = flows.stats();
        figures.put("flows", ordered("capacity", f.capacity(), "tracked", f.tracked(), "realtime", f.realtime(),
                "bulk", f.bulk(), "created", f.created(), "expired", f.expired(),
                "overflow_packets", f.overflowPackets(), "redundant_refused", sender.redundantCopiesRefused()));
        List<Object> top = new ArrayList<>();
        for (FlowSummary flow : flows.top(TOP_FLOWS_IN_STATUS, session.clock().nanos())) {
            LinkHandle on = links.get(flow.link());
            top.add(ordered("flow", flow.tuple(), "class", flow.flowClass().name().toLowerCase(Locale.ROOT),
                    "rate_bps", flow.rateBitsPerSecond(), "packets", flow.packets(),
                    "mean_bytes", flow.meanPacketBytes(), "link", on == null ? null : on.name(),
                    "copies", flow.duplicatesSent()));
        }
        figures.put("top_flows", top);
        List<Object> held = new ArrayList<>();
        for (FlowHolds.Held h : holds.top(TOP_FLOWS_IN_STATUS)) {
            held.add(ordered("flow", h.tuple(), "packets", h.packets(), "mean_hold_ms", h.meanHoldNanos() / 1e6,
                    "max_hold_ms", h.maxHoldNanos() / 1e6));
        }
        figures.put("held_flows", held);
        figures.put("repair", ordered("waiting", sender.repairQueueSize(), "abandoned", sender.repairsAbandoned()));
        figures.put("memory", ordered("flow_slots", flows.allocatedFlows(), "held_flow_slots", holds.allocatedFlows(),
                "resequencer_ring", receiver.resequencerRing()));
        return figures;
    }

    /** A map in the order of its key/value pairs (null values kept, unlike Map.of). */
    private static Map<String, Object> ordered(Object... keysAndValues) {
        Map<String, Object> map = new LinkedHashMap<>();
        for (int i = 0; i < keysAndValues.length; i += 2) {
            map.put((String) keysAndValues[i], keysAndValues[i + 1]);
        }
        return map;
    }

    @Override
    public Map<String, Object> linkStatus(LinkHandle link) {
        LinkStats s = sender.linkStats(link.id());
        CongestionControl cc = sender.congestionControl(link.id());
        Map<String, Object> status = new LinkedHashMap<>();
        status.put("congestion_control", cc.name());
        status.put("cwnd", s.cwnd());
        status.put("pipe", s.pipe());
        status.put("ssthresh", s.ssthresh() > 1_000_000 ? null : s.ssthresh());
        status.put("rto_ms", s.rtoNanos() / 1e6);
        status.put("packets_sent", s.packetsSent());
        status.put("packets_acked", s.packetsAcked());
        status.put("packets_lost", s.packetsLost());
        status.put("timeouts", s.timeouts());
        status.put("repairs_sent", s.repairsSent());
        status.put("realtime_sent", s.realtimeSent());
        status.put("redundant_sent", s.redundantSent());
        if (!cc.stateName().isEmpty()) {
            status.put("state", cc.stateName());
            status.put("delivery_rate_pps", Math.round(cc.deliveryRatePacketsPerSecond()));
        }
        return status;
    }

    /** "srtt 12.3 ms min-rtt 10.1 ms", or dashes before the link's first RTT sample. */
    private static String rtts(LinkStats s, CongestionControl cc) {
        if (!s.hasRttSample()) {
            return "srtt - min-rtt -";
        }
        return String.format("srtt %.1f ms min-rtt %.1f ms", s.srttNanos() / 1e6, cc.minRttNanos() / 1e6);
    }

    /** " realtime 120 redundant 40" when the link carried realtime packets; empty otherwise. */
    private static String realtime(LinkStats s) {
        if (s.realtimeSent() == 0 && s.redundantSent() == 0) {
            return "";
        }
        return String.format(" realtime %d redundant %d", s.realtimeSent(), s.redundantSent());
    }

    /** A rate-model control's state and estimate, e.g. " bbr probe-bw rate 4210 pkt/s"; empty for CCID2. */
    private static String rateModel(CongestionControl cc) {
        if (cc.stateName().isEmpty()) {
            return "";
        }
        return String.format(" %s %s rate %.0f pkt/s", cc.name(), cc.stateName(), cc.deliveryRatePacketsPerSecond());
    }

    /** Nothing is delivered after close: queued and buffered packets are released. */
    @Override
    public void close() {
        sender.close(toLinks);
        receiver.flush(new ReceiverOutput<>() {
            @Override
            public void deliver(ByteBuf packet) {
                packet.release();
            }

            @Override
            public void sendAck(int linkId, AckMessage ack) {}

            @Override
            public void discard(ByteBuf packet, dev.braid.multilink.protocol.DiscardReason reason) {
                packet.release();
            }
        });
    }

    /** Sender decisions: a scheduled packet goes out with its header, a dropped one is released. */
    private final class ToLinks implements SenderOutput<ByteBuf> {
        @Override
        public void send(int linkId, DataHeader header, ByteBuf packet) {
            LinkHandle link = links.get(linkId);
            ByteBuf payload = session.alloc().buffer(DataHeader.SIZE + packet.readableBytes());
            payload.writeInt(header.globalSeq()).writeInt(header.linkSeq()).writeInt(header.txTimeMicros())
                    .writeShort(header.flowDelta()).writeByte(header.flags()).writeByte(0);
            payload.writeBytes(packet);
            packet.release();
            session.sendData(link, payload);
        }

        @Override
        public void drop(ByteBuf packet, dev.braid.multilink.protocol.DropReason reason) {
            packet.release();
            session.countDrop(switch (reason) {
                case NO_ROOM -> DropReason.CONGESTION;
                case QUEUE_FULL -> DropReason.QUEUE_FULL;
                case AQM -> DropReason.AQM;
                case LINK_GONE, NO_LINK -> DropReason.NO_LINK;
            });
        }
    }

    /** Receiver decisions: in-order packets to the TUN, acks back on their link. */
    private final class ToTun implements ReceiverOutput<ByteBuf> {
        @Override
        public void deliver(ByteBuf packet) {
            session.deliverToTun(packet);
        }

        @Override
        public void deliver(ByteBuf packet, long heldNanos) {
            if (heldNanos > 0) {
                long nowNanos = session.clock().nanos();
                active(nowNanos); // the holds' flows expire counting from now
                parser.parse(packet, heldFacts);
                holds.record(nowNanos, heldFacts, packet.readableBytes(), heldNanos);
            }
            session.deliverToTun(packet);
        }

        @Override
        public void sendAck(int linkId, AckMessage ack) {
            LinkHandle link = links.get(linkId);
            if (link == null) {
                return;
            }
            ByteBuf body = session.alloc().buffer(ack.encodedSize());
            ack.encode(body.nioBuffer(0, ack.encodedSize()));
            body.writerIndex(ack.encodedSize());
            session.sendControl(link, MultilinkDataPathFactory.ACK, body);
        }

        @Override
        public void discard(ByteBuf packet, dev.braid.multilink.protocol.DiscardReason reason) {
            packet.release();
        }
    }
}
