package dev.braid.multilink.protocol;

import java.util.Arrays;
import java.util.Objects;

/**
 * The sender-wide queue for packets no link has room for, as RFC 8290's FQ-CoDel: one sub-queue
 * per inner flow, served by deficit round robin, each managed by its own {@link CoDel}, so a bulk
 * flow's standing queue neither delays a sparse flow nor grows past CoDel's target. Flow of a
 * packet:
 * <ol>
 *   <li>{@link #add}: appended to its flow's sub-queue; a flow that was not listed joins the
 *       new-flows list with one quantum of credit. Past the bound in packets or bytes the flow
 *       holding the most bytes loses packets from its head ({@link QueueDropReason#OVERFLOW}), up
 *       to half its bytes or 64 packets at once as fq_codel does, so one scan pays for many;</li>
 *   <li>{@link #peek}: new flows first, then old flows; a flow whose credit is spent gets another
 *       quantum and moves to the back of the old flows; the chosen flow's CoDel drops heads
 *       ({@link QueueDropReason#CODEL}), and so does an optional hard bound on waiting
 *       ({@link QueueDropReason#EXPIRED}); a flow left empty moves from the new flows to the old
 *       (so it cannot jump the line again at once) or leaves the lists; the surviving head is
 *       returned and stays queued;</li>
 *   <li>{@link #pollPeeked}: removes that head and charges its bytes to its flow's credit. The
 *       sender peeks, and polls only when a link took the packet; peeking again later decides
 *       again, as a dequeue at that time would (Linux's qdisc_peek_dequeued keeps the first
 *       decision instead), so a packet waiting for a link is judged by its real sojourn.</li>
 * </ol>
 * CoDel's one-MTU floor (never drop with at most one quantum behind the head) is per flow, where
 * Linux checks the whole qdisc's backlog: a flow with so little queued has no standing queue of
 * its own to control.
 * Every packet given to {@link #add} leaves exactly once: from {@link #pollPeeked} / {@link #poll}
 * or through a {@link DropSink} (also at {@link #clear}). Nothing is allocated per packet in the
 * steady state: packets sit in arrays linked by index, which start small ({@value #INITIAL_NODES}
 * packets, {@value #INITIAL_FLOWS} flows) and double when a packet finds no free node or a flow
 * slot beyond them, up to the bound and the flow slots given; {@link #releaseIdle} gives them back
 * when the queue is empty. Not thread-safe.
 */
public final class FqCoDelQueue<P> implements SenderQueue<P> {
    private static final int NONE = -1;
    private static final byte UNLISTED = 0;
    private static final byte NEW_FLOWS = 1;
    private static final byte OLD_FLOWS = 2;
    /** Most packets one overflow takes from the fattest flow (fq_codel's drop_batch_size). */
    private static final int OVERFLOW_BATCH = 64;
    static final int INITIAL_NODES = 16;
    static final int INITIAL_FLOWS = 8;

    private final QueueSettings settings;
    private final int quantum;
    private final int maxPackets;
    private final long maxBytes;
    private final CoDelParameters codelParams;
    /** The node pool's bound: one spare, since a packet is added before the bound is enforced. */
    private final int maxNodes;
    private final int flowSlots;

    // Packets: a pool of nodes, free ones linked from freeNode.
    private Object[] packets;
    private int[] packetBytes;
    private long[] enqueuedNanos;
    private int[] nextNode;
    private int freeNode;

    // Flows, by slot.
    private int[] headNode;
    private int[] tailNode;
    private long[] flowBytes;
    private int[] deficit;
    private int[] nextFlow;
    private byte[] listOf;
    private CoDel[] codel;
    // The new-flows and old-flows lists, indexed by NEW_FLOWS and OLD_FLOWS, linked by nextFlow.
    private final int[] listHead = new int[3];
    private final int[] listTail = new int[3];

    private int size;
    private long bytes;
    private int peekedFlow = NONE;
    private long codelDrops;
    private long overflowDrops;
    private long expiredDrops;
    private long maxSojournNanos;
    private long sojournBoundNanos = Long.MAX_VALUE;

    /**
     * @param flowSlots flows are slots 0..flowSlots-1 (the flow table's size); the interval starts
     *                  at {@link QueueSettings#intervalNanosFor(long)} for no link, see
     *                  {@link #setIntervalNanos}
     */
    public FqCoDelQueue(QueueSettings settings, int flowSlots) {
        if (flowSlots < 1) {
            throw new IllegalArgumentException("flowSlots must be >= 1");
        }
        this.settings = settings;
        this.quantum = settings.quantumBytes();
        this.maxPackets = settings.maxPackets();
        this.maxBytes = settings.maxBytes();
        this.codelParams = new CoDelParameters(settings.targetNanosFor(0), settings.intervalNanosFor(0),
                settings.quantumBytes());
        this.maxNodes = maxPackets + 1;
        this.flowSlots = flowSlots;
        allocateInitial();
    }

    /**
     * Gives the grown arrays back when the queue is empty (a quiet session); every flow starts
     * again unlisted with a new CoDel. True if memory was released.
     */
    @Override
    public boolean releaseIdle() {
        if (size > 0 || (nextNode.length <= Math.min(INITIAL_NODES, maxNodes)
                && headNode.length <= Math.min(INITIAL_FLOWS, flowSlots))) {
            return false;
        }
        allocateInitial();
        return true;
    }

    /** Packet nodes allocated now (grows by doubling up to the packet bound + 1). */
    public int allocatedNodes() {
        return nextNode.length;
    }

    /** Flow slots allocated now (grows by doubling up to the flow slots given). */
    public int allocatedFlows() {
        return headNode.length;
    }

    private void allocateInitial() {
        int nodes = Math.min(INITIAL_NODES, maxNodes);
        packets = new Object[nodes];
        packetBytes = new int[nodes];
        enqueuedNanos = new long[nodes];
        nextNode = new int[nodes];
        int flows = Math.min(INITIAL_FLOWS, flowSlots);
        headNode = new int[0];
        tailNode = new int[0];
        flowBytes = new long[0];
        deficit = new int[0];
        nextFlow = new int[0];
        listOf = new byte[0];
        codel = new CoDel[0];
        growFlows(flows);
        resetStructure();
    }

    /** Doubles the node pool (within its bound); the new nodes become the free list. */
    private void growNodes() {
        int old = nextNode.length;
        int nodes = Math.min(maxNodes, 2 * old);
        packets = Arrays.copyOf(packets, nodes);
        packetBytes = Arrays.copyOf(packetBytes, nodes);
        enqueuedNanos = Arrays.copyOf(enqueuedNanos, nodes);
        nextNode = Arrays.copyOf(nextNode, nodes);
        for (int n = old; n < nodes; n++) {
            nextNode[n] = n + 1 < nodes ? n + 1 : NONE;
        }
        freeNode = old;
    }

    /** Flow slots up to at least {@code needed} (doubling, within the slots given), each empty and unlisted. */
    private void growFlows(int needed) {
        int old = headNode.length;
        int flows = Math.min(flowSlots, Math.max(needed, 2 * old));
        headNode = Arrays.copyOf(headNode, flows);
        tailNode = Arrays.copyOf(tailNode, flows);
        flowBytes = Arrays.copyOf(flowBytes, flows);
        deficit = Arrays.copyOf(deficit, flows);
        nextFlow = Arrays.copyOf(nextFlow, flows);
        listOf = Arrays.copyOf(listOf, flows);
        codel = Arrays.copyOf(codel, flows);
        for (int f = old; f < flows; f++) {
            headNode[f] = NONE;
            tailNode[f] = NONE;
            nextFlow[f] = NONE;
            listOf[f] = UNLISTED;
            codel[f] = new CoDel(codelParams);
        }
    }

    @Override
    public void setLargestRttNanos(long rttNanos) {
        codelParams.set(settings.targetNanosFor(rttNanos), settings.intervalNanosFor(rttNanos));
    }

    /** CoDel's interval for every flow from now on (the sender follows the links' largest RTT). */
    public void setIntervalNanos(long intervalNanos) {
        codelParams.setIntervalNanos(intervalNanos);
    }

    /**
     * A hard bound on waiting, beside CoDel: a head that waited longer is dropped when its flow's
     * turn comes ({@link QueueDropReason#EXPIRED}), as the FIFO's time bound did. None by default.
     */
    public void setSojournBoundNanos(long boundNanos) {
        if (boundNanos <= 0) {
            throw new IllegalArgumentException("the sojourn bound must be > 0");
        }
        sojournBoundNanos = boundNanos;
    }

    /**
     * Queues a packet of flow {@code flowSlot}; ownership passes to the queue. Packets the bound
     * pushes out (maybe this one) go to {@code drops} before this returns.
     *
     * @param bytes the packet's size, for the bound, the credit and CoDel (>= 0)
     */
    @Override
    public void add(long nowNanos, int flowSlot, P packet, int bytes, DropSink<P> drops) {
        Objects.checkIndex(flowSlot, flowSlots);
        if (flowSlot >= headNode.length) {
            growFlows(flowSlot + 1);
        }
        if (freeNode == NONE) {
            growNodes();
        }
        peekedFlow = NONE; // the head peeked may be pushed out
        int node = freeNode;
        freeNode = nextNode[node];
        packets[node] = packet;
        packetBytes[node] = bytes;
        enqueuedNanos[node] = nowNanos;
        nextNode[node] = NONE;
        if (headNode[flowSlot] == NONE) {
            headNode[flowSlot] = node;
        } else {
            nextNode[tailNode[flowSlot]] = node;
        }
        tailNode[flowSlot] = node;
        flowBytes[flowSlot] += bytes;
        size++;
        this.bytes += bytes;
        if (listOf[flowSlot] == UNLISTED) {
            deficit[flowSlot] = quantum;
            append(NEW_FLOWS, flowSlot);
        }
        while (size > maxPackets || this.bytes > maxBytes) {
            overflowFattest(drops);
        }
    }

    /**
     * The packet that leaves next, after CoDel's drops (to {@code drops}); it stays queued until
     * {@link #pollPeeked}. Null when the queue is (or became) empty.
     */
    @Override
    public P peek(long nowNanos, DropSink<P> drops) {
        peekedFlow = NONE;
        while (true) {
            byte list = listHead[NEW_FLOWS] != NONE ? NEW_FLOWS : OLD_FLOWS;
            int flow = listHead[list];
            if (flow == NONE) {
                return null;
            }
            if (deficit[flow] <= 0) {
                deficit[flow] += quantum;
                popHead(list);
                append(OLD_FLOWS, flow);
                continue;
            }
            if (headSurvivesCoDel(nowNanos, flow, drops)) {
                peekedFlow = flow;
                return packet(headNode[flow]);
            }
            popHead(list);
            if (list == NEW_FLOWS && listHead[OLD_FLOWS] != NONE) {
                append(OLD_FLOWS, flow);
            } else {
                listOf[flow] = UNLISTED;
            }
        }
    }

    /** Bytes of the packet the last {@link #peek} returned. */
    @Override
    public int peekedBytes() {
        return packetBytes[headNode[requirePeeked()]];
    }

    /** Flow slot of the packet the last {@link #peek} returned. */
    @Override
    public int peekedFlowSlot() {
        return requirePeeked();
    }

    /**
     * Removes and returns the packet the last {@link #peek} returned; ownership passes to the
     * caller. Only valid if nothing was added or cleared since that peek.
     */
    @Override
    public P pollPeeked(long nowNanos) {
        int flow = requirePeeked();
        peekedFlow = NONE;
        int node = headNode[flow];
        maxSojournNanos = Math.max(maxSojournNanos, nowNanos - enqueuedNanos[node]);
        deficit[flow] -= packetBytes[node];
        return removeHead(flow);
    }

    /** {@link #peek} and {@link #pollPeeked} in one: the next packet, removed, or null. */
    public P poll(long nowNanos, DropSink<P> drops) {
        return peek(nowNanos, drops) == null ? null : pollPeeked(nowNanos);
    }

    /** Hands every queued packet to {@code drops} ({@link QueueDropReason#CLEARED}); CoDel starts afresh. */
    @Override
    public void clear(DropSink<P> drops) {
        for (int list = NEW_FLOWS; list <= OLD_FLOWS; list++) {
            for (int f = listHead[list]; f != NONE; f = nextFlow[f]) {
                while (headNode[f] != NONE) {
                    drops.drop(removeHead(f), QueueDropReason.CLEARED);
                }
            }
        }
        resetStructure();
    }

    @Override
    public boolean isEmpty() {
        return size == 0;
    }

    /** Packets queued. */
    @Override
    public int size() {
        return size;
    }

    /** Bytes queued. */
    public long bytes() {
        return bytes;
    }

    /** Bytes queued in one flow. */
    public long flowBytes(int flowSlot) {
        return flowBytes[flowSlot];
    }

    /** Packets CoDel dropped since creation. */
    public long codelDrops() {
        return codelDrops;
    }

    /** Packets the bound pushed out since creation. */
    public long overflowDrops() {
        return overflowDrops;
    }

    /** Packets dropped for waiting past {@link #setSojournBoundNanos} since creation. */
    public long expiredDrops() {
        return expiredDrops;
    }

    /** Longest any polled packet waited, since creation or {@link #resetMaxSojourn}. */
    public long maxSojournNanos() {
        return maxSojournNanos;
    }

    public void resetMaxSojourn() {
        maxSojournNanos = 0;
    }

    /**
     * Drops heads past the sojourn bound or rejected by CoDel; true if a head is left, false
     * (CoDel told) if the flow ran empty.
     */
    private boolean headSurvivesCoDel(long nowNanos, int flow, DropSink<P> drops) {
        CoDel c = codel[flow];
        for (int node; (node = headNode[flow]) != NONE; ) {
            long sojourn = nowNanos - enqueuedNanos[node];
            if (sojourn > sojournBoundNanos) {
                expiredDrops++;
                drops.drop(removeHead(flow), QueueDropReason.EXPIRED);
                continue;
            }
            if (!c.shouldDrop(nowNanos, sojourn, flowBytes[flow] - packetBytes[node])) {
                return true;
            }
            codelDrops++;
            drops.drop(removeHead(flow), QueueDropReason.CODEL);
        }
        c.onEmpty();
        return false;
    }

    private void overflowFattest(DropSink<P> drops) {
        int fattest = fattestFlow();
        long keep = flowBytes[fattest] / 2;
        int dropped = 0;
        do {
            overflowDrops++;
            drops.drop(removeHead(fattest), QueueDropReason.OVERFLOW);
            dropped++;
        } while (dropped < OVERFLOW_BATCH && flowBytes[fattest] > keep && headNode[fattest] != NONE);
    }

    /** The listed flow with packets holding the most bytes (every flow with packets is listed). */
    private int fattestFlow() {
        int best = NONE;
        for (int list = NEW_FLOWS; list <= OLD_FLOWS; list++) {
            for (int f = listHead[list]; f != NONE; f = nextFlow[f]) {
                if (headNode[f] != NONE && (best == NONE || flowBytes[f] > flowBytes[best])) {
                    best = f;
                }
            }
        }
        return best;
    }

    private P removeHead(int flow) {
        int node = headNode[flow];
        headNode[flow] = nextNode[node];
        if (headNode[flow] == NONE) {
            tailNode[flow] = NONE;
        }
        int b = packetBytes[node];
        flowBytes[flow] -= b;
        size--;
        bytes -= b;
        P p = packet(node);
        packets[node] = null;
        nextNode[node] = freeNode;
        freeNode = node;
        return p;
    }

    @SuppressWarnings("unchecked")
    private P packet(int node) {
        return (P) packets[node];
    }

    private void append(byte list, int flow) {
        listOf[flow] = list;
        nextFlow[flow] = NONE;
        if (listTail[list] == NONE) {
            listHead[list] = flow;
        } else {
            nextFlow[listTail[list]] = flow;
        }
        listTail[list] = flow;
    }

    /** Unlinks the head of a list (the caller relists or unlists it). */
    private void popHead(byte list) {
        listHead[list] = nextFlow[listHead[list]];
        if (listHead[list] == NONE) {
            listTail[list] = NONE;
        }
    }

    /** Empty lists, empty flows, all nodes free, every CoDel as new. */
    private void resetStructure() {
        for (int n = 0; n < nextNode.length; n++) {
            packets[n] = null;
            nextNode[n] = n + 1 < nextNode.length ? n + 1 : NONE;
        }
        freeNode = 0;
        for (int f = 0; f < headNode.length; f++) {
            headNode[f] = NONE;
            tailNode[f] = NONE;
            flowBytes[f] = 0;
            deficit[f] = 0;
            nextFlow[f] = NONE;
            listOf[f] = UNLISTED;
            codel[f].reset();
        }
        Arrays.fill(listHead, NONE);
        Arrays.fill(listTail, NONE);
        size = 0;
        bytes = 0;
        peekedFlow = NONE;
    }

    private int requirePeeked() {
        if (peekedFlow == NONE) {
            throw new IllegalStateException("no packet peeked since the queue last changed");
        }
        return peekedFlow;
    }
}
