package dev.braid.multilink.protocol;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * Sending half of one session direction, sans-I/O. Flow of a packet:
 * <ol>
 *   <li>{@link #offer}: the scheduler picks a link among the {@link LinkView}s;</li>
 *   <li>link has room -> global seq (assigned now, so drops leave no holes), link seq and tx
 *       timestamp go into a {@link DataHeader}; {@link SenderOutput#send};</li>
 *   <li>chosen link full (schedulers that queue) -> the link's own bounded queue, global seq
 *       fixed now so the order of offers is kept;</li>
 *   <li>no link -> {@link NoRoomPolicy}: drop, or the sender-wide bounded queue (global seq at
 *       send time);</li>
 *   <li>{@link #onAck} / {@link #onTimer} update the link's congestion control and drain queues
 *       into opened windows.</li>
 * </ol>
 * With {@link MultilinkSettings#repairLosses()} the sender keeps a copy of every packet until its
 * link acks it; a packet the link lost (or that was in flight on a link that went down) goes out
 * again, ahead of new packets, on the link with room and the shortest RTT, with its global seq and
 * a new link seq, as long as it is younger than {@link MultilinkSettings#repairMaxAgeNanos()}.
 * Global and link seqs are 64-bit counters starting at 0; the wire carries their low 32 bits.
 * Not thread-safe: drive it from one thread (the session's event loop).
 */
public final class MultilinkSender<P> {
    private final MultilinkSettings settings;
    private Scheduler scheduler;
    private final List<SenderLink<P>> links = new ArrayList<>();
    private final List<SenderLink<P>> linksView = Collections.unmodifiableList(links);
    private final SenderQueue<P> sharedQueue;
    private final QueueDrops queueDrops = new QueueDrops();
    private final ArrayDeque<InFlightCopies.Copy<P>> repairQueue = new ArrayDeque<>();
    private final PacketCopier<P> copier;
    private final RealtimePlacement<P> realtimePlacement;
    private final RedundancyBudget redundancyBudget;
    private FlowSequences flows;
    private long nextGlobalSeq;
    private long lastNowNanos = Long.MIN_VALUE;
    private long dropped;
    private long repairsAbandoned;

    /** Uses the scheduler named in the settings; repair must be off (no way to copy packets). */
    public MultilinkSender(MultilinkSettings settings) {
        this(settings, (PacketCopier<P>) null);
    }

    /** Uses the scheduler named in the settings; {@code copier} keeps packets for repair. */
    public MultilinkSender(MultilinkSettings settings, PacketCopier<P> copier) {
        this(settings, Schedulers.create(settings.scheduler(), settings), copier);
    }

    public MultilinkSender(MultilinkSettings settings, Scheduler scheduler) {
        this(settings, scheduler, null);
    }

    public MultilinkSender(MultilinkSettings settings, Scheduler scheduler, PacketCopier<P> copier) {
        if (settings.repairLosses() && copier == null) {
            throw new IllegalArgumentException("repairing losses needs a PacketCopier");
        }
        this.settings = settings;
        this.scheduler = scheduler;
        this.copier = copier;
        this.sharedQueue = createQueue(settings);
        this.realtimePlacement = new RealtimePlacement<>(settings.realtime());
        this.redundancyBudget = new RedundancyBudget(settings.queue());
        CongestionControls.create(settings.congestionControl(), settings); // fail fast on the name
    }

    /**
     * The shared queue's flow slots: 0 for packets without a flow, then the flow table's slots one
     * up (its overflow slot 0 and its flows 1..max), so the low slots a few flows use are the
     * queue's low slots too and its per-flow arrays stay small.
     */
    private static int queueFlowSlots(MultilinkSettings settings) {
        return settings.flows().maxFlows() + 2;
    }

    /** The queue's slot of a flow slot ({@link FlowSequences#NO_FLOW} is -1: slot 0). */
    private static int queueSlot(int flowSlot) {
        return flowSlot + 1;
    }

    private static int flowSlotOf(int queueSlot) {
        return queueSlot - 1;
    }

    private static <P> SenderQueue<P> createQueue(MultilinkSettings settings) {
        if (!settings.queue().aqm()) {
            return new SharedQueue<>(settings.sharedQueuePackets(), settings.sharedQueueMaxDelayNanos());
        }
        FqCoDelQueue<P> queue = new FqCoDelQueue<>(
                settings.queue().toBuilder().maxPackets(settings.sharedQueuePackets()).build(), queueFlowSlots(settings));
        if (settings.sharedQueueMaxDelayNanos() != MultilinkSettings.QUEUE_DELAY_ONE_RTT
                && settings.sharedQueueMaxDelayNanos() != Long.MAX_VALUE) {
            queue.setSojournBoundNanos(settings.sharedQueueMaxDelayNanos());
        }
        return queue;
    }

    /**
     * Where each inner flow's last global seq is kept; without it every packet waits at the
     * receiver for every earlier one (no per-flow delivery).
     */
    public void useFlows(FlowSequences flows) {
        this.flows = flows;
    }

    /** Adds a link (up, fresh congestion state, link seq 0). */
    public void addLink(int linkId, int weight) {
        if (find(linkId) != null) {
            throw new IllegalArgumentException("link " + linkId + " already exists");
        }
        if (weight < 1) {
            throw new IllegalArgumentException("weight must be >= 1");
        }
        InFlightCopies<P> copies = settings.repairLosses()
                ? new InFlightCopies<>(copier, repairQueue::add) : null;
        SenderLink<P> link = new SenderLink<>(linkId, weight,
                CongestionControls.create(settings.congestionControl(), settings), copies);
        link.nowNanos = lastNowNanos;
        links.add(link);
    }

    /**
     * Removes a link; packets in its own queue are dropped ({@link DropReason#LINK_GONE}), packets
     * in flight on it are repaired on the others (when repair is on).
     */
    public void removeLink(long nowNanos, int linkId, SenderOutput<P> out) {
        advanceClock(nowNanos);
        SenderLink<P> link = require(linkId);
        flushLinkQueue(link, out);
        links.remove(link);
        if (link.copies != null) {
            link.copies.loseAll();
            drain(nowNanos, out);
        }
    }

    /** Ends the sender: every queued packet is dropped ({@link DropReason#LINK_GONE}). */
    public void close(SenderOutput<P> out) {
        for (SenderLink<P> link : links) {
            flushLinkQueue(link, out);
        }
        sharedQueue.clear(queueDrops.to(out));
        for (SenderLink<P> link : links) {
            if (link.copies != null) {
                link.copies.releaseAll();
            }
        }
        while (!repairQueue.isEmpty()) {
            copier.release(repairQueue.poll().packet());
        }
    }

    /**
     * Marks a link up or down (from keepalive/probe logic). A down link is skipped by the
     * schedulers and its queue is dropped (its packets in flight are repaired on the others when
     * repair is on); coming up drains queued traffic.
     */
    public void setLinkUp(long nowNanos, int linkId, boolean up, SenderOutput<P> out) {
        advanceClock(nowNanos);
        SenderLink<P> link = require(linkId);
        link.up = up;
        if (!up) {
            flushLinkQueue(link, out);
            if (link.copies != null) {
                link.copies.loseAll();
            }
        }
        drain(nowNanos, out);
    }

    /** Caps what {@code linkId} sends at {@code bitsPerSecond} (inner bytes plus overhead); 0 lifts the cap. */
    public void setRateCap(int linkId, long bitsPerSecond) {
        SenderLink<P> link = require(linkId);
        if (link.cap.bitsPerSecond() != bitsPerSecond) {
            link.cap = bitsPerSecond == 0 ? RateCap.NONE : new RateCap(bitsPerSecond);
        }
    }

    /**
     * Offers one packet for sending. Ownership of {@code packet} passes to the sender, which hands
     * it on to {@code out} now (send or drop) or later (when queued).
     *
     * @param bytes inner packet size, for statistics and bounds
     */
    public void offer(long nowNanos, P packet, int bytes, SenderOutput<P> out) {
        offer(nowNanos, packet, bytes, FlowSequences.NO_FLOW, false, out);
    }

    /**
     * Offers one packet of the inner flow in {@code flowSlot} ({@link FlowSequences#NO_FLOW} if
     * unknown). A realtime packet goes out at once on the link where it arrives first, past the
     * queues and the windows, with a copy on a second link when the first looks unreliable; a
     * bulk packet is scheduled as {@link #offer(long, Object, int, SenderOutput)} says.
     */
    public void offer(long nowNanos, P packet, int bytes, int flowSlot, boolean realtime,
                      SenderOutput<P> out) {
        advanceClock(nowNanos);
        if (realtime && flowSlot != FlowSequences.NO_FLOW && sendRealtime(nowNanos, packet, bytes, flowSlot, out)) {
            return;
        }
        if (!sharedQueue.isEmpty()) {
            drain(nowNanos, out); // keep FIFO order with packets already waiting
        }
        if (sharedQueue.isEmpty() && tryPlace(nowNanos, packet, bytes, flowSlot, out)) {
            markAppLimited();
            return;
        }
        if (settings.noRoomPolicy() == NoRoomPolicy.QUEUE && anyUp()) {
            sharedQueue.add(nowNanos, queueSlot(flowSlot), packet, bytes, queueDrops.to(out));
            return;
        }
        drop(packet, anyUp() ? DropReason.NO_ROOM : DropReason.NO_LINK, out);
    }

    private void advanceClock(long nowNanos) {
        lastNowNanos = nowNanos;
        for (SenderLink<P> link : links) {
            link.nowNanos = nowNanos;
        }
    }

    /** Links with room while nothing waits anywhere are limited by the offered load, not by themselves. */
    private void markAppLimited() {
        if (!sharedQueue.isEmpty() || !repairQueue.isEmpty()) {
            return;
        }
        for (SenderLink<P> link : links) {
            if (link.queue.isEmpty() && link.hasRoom()) {
                link.cc.onAppLimited();
            }
        }
    }

    /** Places a packet now (send or link queue); false if the scheduler found no link. */
    private boolean tryPlace(long nowNanos, P packet, int bytes, int flowSlot, SenderOutput<P> out) {
        int id = scheduler.pick(linksView);
        if (id == Scheduler.NONE) {
            return false;
        }
        SenderLink<P> link = require(id);
        if (link.hasRoom() && link.queue.isEmpty()) {
            long g = nextGlobalSeq++;
            transmit(nowNanos, link, g, flowTag(g, flowSlot, false), packet, bytes, nowNanos, true, out);
            return true;
        }
        if (link.up && link.queue.size() < settings.linkQueuePackets()) {
            long g = nextGlobalSeq++;
            link.queue.add(new SenderLink.Queued<>(g, flowTag(g, flowSlot, false), packet, bytes));
            drainLink(nowNanos, link, out);
            return true;
        }
        return false;
    }

    /**
     * Sends a realtime packet on the link where it is expected first, and a copy on the second
     * one when the first looks unreliable; false if no link is up.
     */
    private boolean sendRealtime(long nowNanos, P packet, int bytes, int flowSlot, SenderOutput<P> out) {
        if (!realtimePlacement.choose(nowNanos, links)) {
            return false;
        }
        SenderLink<P> first = realtimePlacement.first();
        SenderLink<P> second = copier == null ? null : realtimePlacement.second();
        long g = nextGlobalSeq++;
        int tag = flowTag(g, flowSlot, true);
        redundancyBudget.onRealtimeSent(nowNanos, bytes);
        P copy = second == null || !redundancyBudget.tryCopy(nowNanos, bytes) ? null : copier.copy(packet);
        first.realtimeSent++;
        if (flows != null) {
            flows.noteRealtimeSent(flowSlot, first.id, copy != null);
        }
        transmit(nowNanos, first, g, tag, packet, bytes, nowNanos, copy == null, out);
        if (copy != null) {
            second.redundantSent++;
            transmit(nowNanos, second, g, tag, copy, bytes, nowNanos, false, out);
        }
        return true;
    }

    /** The flow fields of the packet that gets {@code globalSeq}; records it as its flow's last. */
    private int flowTag(long globalSeq, int flowSlot, boolean realtime) {
        if (flowSlot == FlowSequences.NO_FLOW || flows == null) {
            return FlowTag.GLOBAL_ORDER;
        }
        int tag = FlowTag.of(globalSeq, flows.lastGlobalSeq(flowSlot), realtime);
        flows.setLastGlobalSeq(flowSlot, globalSeq);
        return tag;
    }

    /**
     * @param repairable keep a copy for repair (off for a packet that has a redundant twin: the
     *                   twin is its repair)
     */
    private void transmit(long nowNanos, SenderLink<P> link, long globalSeq, int flowTag, P packet,
                          int bytes, long firstSentNanos, boolean repairable, SenderOutput<P> out) {
        long linkSeq = link.nextLinkSeq++;
        if (link.sentSinceAckNanos == Long.MIN_VALUE) {
            link.sentSinceAckNanos = nowNanos;
        }
        link.cc.onSent(nowNanos, linkSeq);
        link.cap.onSent(nowNanos, bytes);
        link.packetsSent++;
        link.bytesSent += bytes;
        if (link.copies != null && repairable) {
            link.copies.add(linkSeq, new InFlightCopies.Copy<>(globalSeq, flowTag, copier.copy(packet),
                    bytes, firstSentNanos));
        }
        out.send(link.id, DataHeader.of(globalSeq, linkSeq, nowNanos, flowTag), packet);
    }

    /**
     * Processes an ack received on {@code linkId} and sends queued packets the ack made room for.
     * Acks for unknown links are ignored.
     */
    public void onAck(long nowNanos, int linkId, AckMessage ack, SenderOutput<P> out) {
        advanceClock(nowNanos);
        SenderLink<P> link = find(linkId);
        if (link == null) {
            return;
        }
        AckOutcome outcome = link.cc.onAck(nowNanos, AckInfo.from(ack, link.nextLinkSeq - 1),
                link.fates());
        link.packetsAcked += outcome.newlyAcked();
        link.packetsLost += outcome.lost();
        link.lastAckNanos = nowNanos;
        link.sentSinceAckNanos = Long.MIN_VALUE;
        if (outcome.lost() > 0) {
            link.lastLossNanos = nowNanos;
        }
        drain(nowNanos, out);
        markAppLimited();
    }

    /** Fires due retransmission timers, then drains queues into whatever room they left. */
    public void onTimer(long nowNanos, SenderOutput<P> out) {
        advanceClock(nowNanos);
        for (SenderLink<P> link : links) {
            if (link.cc.onTimeout(nowNanos, link.fates())) {
                link.timeouts++;
                link.lastLossNanos = nowNanos;
            }
        }
        drain(nowNanos, out);
    }

    /**
     * Earliest retransmission timer, or the time a paced link may send while packets wait for it;
     * {@link Long#MAX_VALUE} when none is armed.
     */
    public long nextDeadlineNanos() {
        long d = Long.MAX_VALUE;
        boolean waiting = !sharedQueue.isEmpty() || !repairQueue.isEmpty();
        for (SenderLink<P> link : links) {
            d = Math.min(d, link.cc.nextTimeoutNanos());
            if ((waiting || !link.queue.isEmpty()) && link.up && link.cc.canSend()) {
                long paced = link.nextSendTimeNanos();
                if (paced > lastNowNanos) { // one already due was passed over for another reason: no spin
                    d = Math.min(d, paced);
                }
            }
        }
        return d;
    }

    private void drain(long nowNanos, SenderOutput<P> out) {
        sendRepairs(nowNanos, out);
        for (SenderLink<P> link : links) {
            drainLink(nowNanos, link, out);
        }
        if (sharedQueue.isEmpty()) {
            return;
        }
        sharedQueue.setLargestRttNanos(largestBaseRttNanos());
        for (P p; (p = sharedQueue.peek(nowNanos, queueDrops.to(out))) != null; ) {
            int slot = sharedQueue.peekedFlowSlot();
            if (!tryPlace(nowNanos, p, sharedQueue.peekedBytes(), flowSlotOf(slot), out)) {
                break;
            }
            sharedQueue.pollPeeked(nowNanos);
        }
    }

    private long largestBaseRttNanos() {
        long largest = 0;
        for (SenderLink<P> link : links) {
            if (link.up) {
                largest = Math.max(largest, link.cc.minRttNanos());
            }
        }
        return largest;
    }

    /** The shared queue's drops, counted as the sender's: aimed at the call's output. */
    private final class QueueDrops implements DropSink<P> {
        private SenderOutput<P> out;

        QueueDrops to(SenderOutput<P> out) {
            this.out = out;
            return this;
        }

        @Override
        public void drop(P packet, QueueDropReason reason) {
            MultilinkSender.this.drop(packet, switch (reason) {
                case CODEL -> DropReason.AQM;
                case EXPIRED, OVERFLOW -> DropReason.QUEUE_FULL;
                case CLEARED -> DropReason.LINK_GONE;
            }, out);
        }
    }

    private void drainLink(long nowNanos, SenderLink<P> link, SenderOutput<P> out) {
        while (!link.queue.isEmpty() && link.hasRoom()) {
            SenderLink.Queued<P> q = link.queue.poll();
            transmit(nowNanos, link, q.globalSeq(), q.flowTag(), q.packet(), q.bytes(), nowNanos, true, out);
        }
    }

    /** Lost packets first: the receiver holds everything behind them until they come. */
    private void sendRepairs(long nowNanos, SenderOutput<P> out) {
        while (!repairQueue.isEmpty()) {
            InFlightCopies.Copy<P> c = repairQueue.peek();
            if (nowNanos - c.firstSentNanos() > settings.repairMaxAgeNanos()) {
                repairQueue.poll();
                repairsAbandoned++;
                copier.release(c.packet());
                continue;
            }
            SenderLink<P> link = fastestWithRoom();
            if (link == null) {
                return;
            }
            repairQueue.poll();
            link.repairsSent++;
            transmit(nowNanos, link, c.globalSeq(), c.flowTag(), c.packet(), c.bytes(), c.firstSentNanos(), true, out);
        }
    }

    private SenderLink<P> fastestWithRoom() {
        SenderLink<P> best = null;
        for (SenderLink<P> link : links) {
            if (link.hasRoom() && link.queue.isEmpty()
                    && (best == null || link.srttNanos() < best.srttNanos())) {
                best = link;
            }
        }
        return best;
    }

    private void flushLinkQueue(SenderLink<P> link, SenderOutput<P> out) {
        while (!link.queue.isEmpty()) {
            drop(link.queue.poll().packet(), DropReason.LINK_GONE, out);
        }
    }

    private void drop(P packet, DropReason reason, SenderOutput<P> out) {
        dropped++;
        out.drop(packet, reason);
    }

    private boolean anyUp() {
        for (SenderLink<P> link : links) {
            if (link.up) {
                return true;
            }
        }
        return false;
    }

    private SenderLink<P> find(int linkId) {
        for (SenderLink<P> link : links) {
            if (link.id == linkId) {
                return link;
            }
        }
        return null;
    }

    private SenderLink<P> require(int linkId) {
        SenderLink<P> link = find(linkId);
        if (link == null) {
            throw new IllegalArgumentException("unknown link " + linkId);
        }
        return link;
    }

    /** Counters and congestion state of one link. */
    public LinkStats linkStats(int linkId) {
        return require(linkId).stats();
    }

    /** All links, in the order they were added (read-only views). */
    public List<LinkView> links() {
        return Collections.unmodifiableList(new ArrayList<>(links));
    }

    /** Congestion control of a link (read access for metrics and tests). */
    public CongestionControl congestionControl(int linkId) {
        return require(linkId).cc;
    }

    /**
     * Gives back what a busy time grew: the shared queue's arrays if it is empty, each link's
     * sent-packet history and copy ring if nothing is in flight on it.
     *
     * @return whether the shared queue is empty (no queued packet refers to a flow slot)
     */
    public boolean releaseIdle() {
        sharedQueue.releaseIdle();
        for (SenderLink<P> link : links) {
            link.cc.releaseIdle();
            if (link.copies != null) {
                link.copies.releaseIdle();
            }
        }
        return sharedQueue.isEmpty();
    }

    /** Packets waiting in the sender-wide queue. */
    public int sharedQueueSize() {
        return sharedQueue.size();
    }

    /** Lost packets waiting to be sent again. */
    public int repairQueueSize() {
        return repairQueue.size();
    }

    /** Lost packets not sent again because they had become older than the repair age. */
    public long repairsAbandoned() {
        return repairsAbandoned;
    }

    /** Copies of realtime packets the redundancy budget refused. */
    public long redundantCopiesRefused() {
        return redundancyBudget.copiesRefused();
    }

    /** Packets dropped for any reason. */
    public long dropped() {
        return dropped;
    }

    /** The next global seq that will be assigned. */
    public long nextGlobalSeq() {
        return nextGlobalSeq;
    }

    /** Schedules bulk packets with {@code scheduler} from now on (a reload changed it). */
    public void useScheduler(Scheduler scheduler) {
        this.scheduler = scheduler;
    }

    public Scheduler scheduler() {
        return scheduler;
    }
}
