package dev.braid.multilink.protocol;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;

/**
 * The inner flows one sender sees, bounded: at most {@link FlowSettings#maxFlows()} flows, each a
 * slot index into primitive arrays. The arrays start at {@value #INITIAL_FLOWS} flows and double
 * when a new flow finds no free slot, up to the bound, so a flood of distinct tuples costs at
 * most what the bound allows and a session with a few flows pays for a few; {@link #releaseIdle}
 * shrinks them again once the flows expired.
 *
 * <p>Per packet ({@link #touch}): forget flows idle longer than {@link FlowSettings#flowIdleNanos()}
 * (oldest first, from a least-recently-seen list), find the flow by hash and the full tuple in an
 * open-addressing index (linear probing, at most half full, backward-shift deletion so no
 * tombstones pile up), or take a free slot for a new one; when every slot is busy and none is idle,
 * the packet goes to the one shared {@link #overflowSlot()} (always bulk, counted). Then update the
 * flow's counters and rate and let the {@link FlowClassifier} decide its class.
 *
 * <p>Slots are reused: a reused slot starts again with no packets, bulk, {@link #lastGlobalSeq} -1
 * and a new {@link #flowId}. Slot 0 is the overflow slot, flows are 1..capacity. Not thread-safe;
 * one table per sender, on the sender's thread.
 */
public final class FlowTable implements FlowSequences {
    private static final int EMPTY = -1;
    private static final int OVERFLOW = 0;
    /** Flow slots allocated at first and after {@link #releaseIdle}. */
    static final int INITIAL_FLOWS = 8;
    private static final double NANOS_PER_SECOND = 1e9;
    /** Weight of one packet in the mean packet size (as RFC 6298's alpha). */
    private static final double MEAN_SIZE_GAIN = 1.0 / 8;
    /** Floor of the rate estimate's weight: packets all at one instant read as a very high rate. */
    private static final double MIN_RATE_WEIGHT = 1e-6;

    private final int capacity;
    private final int initialFlows;
    /** Flow slots 1..allocated exist (the arrays hold allocated + 1 slots). */
    private int allocated;
    private final long idleNanos;
    private final double rateWindowSeconds;
    private final FlowClassifier classifier;

    // the index: bucket -> slot, EMPTY when free; 2 x allocated rounded up to a power of two
    private int[] buckets = new int[0];
    private int bucketMask;

    // the flow key per slot
    private boolean[] used = new boolean[0];
    private int[] hash = new int[0];
    private int[] keyMeta = new int[0];
    private int[] keyPorts = new int[0];
    private long[] keySrcHi = new long[0];
    private long[] keySrcLo = new long[0];
    private long[] keyDstHi = new long[0];
    private long[] keyDstLo = new long[0];

    // per-slot counters
    private long[] flowId = new long[0];
    private long[] packets = new long[0];
    private long[] bytes = new long[0];
    private long[] lastSeenNanos = new long[0];
    /**
     * Rate estimate as two exponentially decayed sums over a window of tau: bytes and elapsed
     * time, each decayed by tau / (tau + dt) per packet; their ratio is the recent rate, unbiased
     * from a flow's second packet on (the time sum starts at 0 instead of assuming a past).
     */
    private double[] rateBytes = new double[0];
    private double[] rateTime = new double[0];
    private double[] meanSize = new double[0];
    private long[] lastGlobalSeq = new long[0];
    private int[] link = new int[0];
    private long[] duplicatesSent = new long[0];

    // least recently seen first; free slots on a stack
    private int[] lruPrev = new int[0];
    private int[] lruNext = new int[0];
    private int lruHead = EMPTY;
    private int lruTail = EMPTY;
    private int[] free = new int[0];
    private int freeCount;

    private long created;
    private long expired;
    private long overflowPackets;
    private long overflowBytes;

    public FlowTable(FlowSettings settings) {
        this.capacity = settings.maxFlows();
        this.initialFlows = Math.min(INITIAL_FLOWS, capacity);
        this.idleNanos = settings.flowIdleNanos();
        this.rateWindowSeconds = settings.rateWindowNanos() / NANOS_PER_SECOND;
        this.classifier = new FlowClassifier(settings, 0);
        resize(initialFlows);
        resetCounters(OVERFLOW);
    }

    /**
     * Accounts one packet of the flow {@code facts} describes and classifies the flow.
     *
     * @param bytes the packet's size as the tunnel carries it
     * @return the flow's slot, or {@link #overflowSlot()} when the table is full
     */
    public int touch(long nowNanos, PacketFacts facts, int bytes) {
        expireIdle(nowNanos);
        int slot = find(facts);
        if (slot == EMPTY) {
            slot = insert(facts);
        } else {
            moveToTail(slot);
        }
        count(slot, nowNanos, bytes);
        if (slot == OVERFLOW) {
            overflowPackets++;
            overflowBytes += bytes;
        } else {
            classifier.classify(slot, nowNanos, facts, packets[slot], rateBytesPerSecond(slot, nowNanos),
                    meanSize[slot]);
        }
        return slot;
    }

    /**
     * Forgets every flow idle for the idle time or longer; {@link #touch} does this too, a timer
     * may call it so idle flows leave status without new packets.
     *
     * @return flows forgotten
     */
    public int expireIdle(long nowNanos) {
        int forgotten = 0;
        while (lruHead != EMPTY && nowNanos - lastSeenNanos[lruHead] >= idleNanos) {
            remove(lruHead);
            forgotten++;
        }
        expired += forgotten;
        return forgotten;
    }

    public boolean realtime(int slot) {
        return slot != OVERFLOW && classifier.realtime(slot);
    }

    public FlowClass flowClass(int slot) {
        return realtime(slot) ? FlowClass.REALTIME : FlowClass.BULK;
    }

    /** The shared slot of flows the full table could not track: bulk, never expires. */
    public int overflowSlot() {
        return OVERFLOW;
    }

    /** Flows tracked at most; flow slots are 1..capacity, the overflow slot is 0. */
    public int capacity() {
        return capacity;
    }

    /** Flow slots allocated now (1..this): grows by doubling up to {@link #capacity()}. */
    public int allocatedFlows() {
        return allocated;
    }

    /**
     * Forgets idle flows, then shrinks the arrays to the least that holds the flows left (at least
     * {@value #INITIAL_FLOWS}), for a session gone quiet. Only slots of expired flows disappear:
     * the caller must hold no packet tagged with one (the sender's queue is empty).
     *
     * @return true if memory was released
     */
    public boolean releaseIdle(long nowNanos) {
        expireIdle(nowNanos);
        int highestUsed = 0;
        for (int slot = allocated; slot > 0 && highestUsed == 0; slot--) {
            highestUsed = used[slot] ? slot : 0;
        }
        int flows = initialFlows;
        while (flows < highestUsed) {
            flows = Math.min(capacity, 2 * flows);
        }
        if (flows >= allocated) {
            return false;
        }
        resize(flows);
        return true;
    }

    /** Flows tracked now. */
    public int trackedFlows() {
        return allocated - freeCount;
    }

    /** A number unique to the flow in the slot (1, 2, ... in creation order; 0 for the overflow slot). */
    public long flowId(int slot) {
        return flowId[slot];
    }

    /** The global seq of the flow's last packet sent, -1 for a new flow. */
    @Override
    public long lastGlobalSeq(int slot) {
        return lastGlobalSeq[slot];
    }

    @Override
    public void setLastGlobalSeq(int slot, long globalSeq) {
        lastGlobalSeq[slot] = globalSeq;
    }

    /** The link the flow's last packet went on, -1 before {@link #setLink}. */
    @Override
    public void noteRealtimeSent(int slot, int linkId, boolean copied) {
        setLink(slot, linkId);
        if (copied) {
            addDuplicateSent(slot);
        }
    }

    public int linkOf(int slot) {
        return link[slot];
    }

    public void setLink(int slot, int linkId) {
        link[slot] = linkId;
    }

    public long duplicatesSent(int slot) {
        return duplicatesSent[slot];
    }

    /** Counts one redundant copy sent for the flow. */
    public void addDuplicateSent(int slot) {
        duplicatesSent[slot]++;
    }

    public long packets(int slot) {
        return packets[slot];
    }

    /** The flow's recent rate in bytes per second, decayed over the time since its last packet. */
    public double rateBytesPerSecond(int slot, long nowNanos) {
        double idleSeconds = Math.max(0, nowNanos - lastSeenNanos[slot]) / NANOS_PER_SECOND;
        double decay = rateWindowSeconds / (rateWindowSeconds + idleSeconds);
        double time = rateTime[slot] * decay + idleSeconds / (rateWindowSeconds + idleSeconds);
        return rateBytes[slot] * decay / Math.max(time, MIN_RATE_WEIGHT);
    }

    /** The flow's recent mean packet size in bytes (each packet weighs 1/8). */
    public double meanPacketBytes(int slot) {
        return meanSize[slot];
    }

    /** Counts for status; scans the table. */
    public FlowTableStats stats() {
        int realtimeFlows = 0;
        for (int slot = 1; slot <= allocated; slot++) {
            if (used[slot] && classifier.realtime(slot)) {
                realtimeFlows++;
            }
        }
        int tracked = trackedFlows();
        return new FlowTableStats(capacity, tracked, realtimeFlows, tracked - realtimeFlows, created, expired,
                overflowPackets, overflowBytes);
    }

    /** The slot's flow printed, e.g. {@code udp 10.0.0.2:5004 > 10.0.0.1:5004}; {@code overflow} for the shared slot. */
    public String tuple(int slot) {
        return slot == OVERFLOW ? "overflow"
                : FlowTuples.describe(keyMeta[slot], keySrcHi[slot], keySrcLo[slot], keyDstHi[slot],
                        keyDstLo[slot], keyPorts[slot]);
    }

    /** The {@code k} flows of highest rate now, the overflow slot among them if it carried any; for status. */
    public List<FlowSummary> top(int k, long nowNanos) {
        List<Integer> slots = new ArrayList<>();
        for (int slot = 1; slot <= allocated; slot++) {
            if (used[slot]) {
                slots.add(slot);
            }
        }
        if (packets[OVERFLOW] > 0) {
            slots.add(OVERFLOW);
        }
        double[] rates = new double[allocated + 1];
        for (int slot : slots) {
            rates[slot] = rateBytesPerSecond(slot, nowNanos);
        }
        slots.sort(Comparator.comparingDouble((Integer slot) -> rates[slot]).reversed());
        List<FlowSummary> top = new ArrayList<>();
        for (int slot : slots.subList(0, Math.min(Math.max(k, 0), slots.size()))) {
            top.add(new FlowSummary(slot, tuple(slot), flowClass(slot), (long) Math.min(rates[slot] * 8, Long.MAX_VALUE),
                    packets[slot], bytes[slot], (int) Math.round(meanSize[slot]),
                    Math.max(0, nowNanos - lastSeenNanos[slot]), link[slot], duplicatesSent[slot]));
        }
        return top;
    }

    private void count(int slot, long nowNanos, int size) {
        if (packets[slot] == 0) {
            meanSize[slot] = size; // the first packet has no interval: it sets the size only
        } else {
            double dt = Math.max(0, nowNanos - lastSeenNanos[slot]) / NANOS_PER_SECOND;
            double span = rateWindowSeconds + dt;
            double decay = rateWindowSeconds / span;
            rateBytes[slot] = rateBytes[slot] * decay + size / span;
            rateTime[slot] = rateTime[slot] * decay + dt / span;
            meanSize[slot] += (size - meanSize[slot]) * MEAN_SIZE_GAIN;
        }
        packets[slot]++;
        bytes[slot] += size;
        lastSeenNanos[slot] = nowNanos;
    }

    private int find(PacketFacts facts) {
        int h = facts.flowHash();
        for (int b = h & bucketMask; ; b = (b + 1) & bucketMask) {
            int slot = buckets[b];
            if (slot == EMPTY) {
                return EMPTY;
            }
            if (hash[slot] == h && sameKey(slot, facts)) {
                return slot;
            }
        }
    }

    /** The whole tuple, so two flows of one hash stay two flows. */
    private boolean sameKey(int slot, PacketFacts facts) {
        return keyMeta[slot] == facts.keyMeta() && keyPorts[slot] == facts.portPair()
                && keySrcLo[slot] == facts.srcLo() && keyDstLo[slot] == facts.dstLo()
                && keySrcHi[slot] == facts.srcHi() && keyDstHi[slot] == facts.dstHi();
    }

    private int insert(PacketFacts facts) {
        if (freeCount == 0) {
            if (allocated == capacity) {
                return OVERFLOW;
            }
            resize(Math.min(capacity, 2 * allocated));
        }
        int slot = free[--freeCount];
        used[slot] = true;
        hash[slot] = facts.flowHash();
        keyMeta[slot] = facts.keyMeta();
        keyPorts[slot] = facts.portPair();
        keySrcHi[slot] = facts.srcHi();
        keySrcLo[slot] = facts.srcLo();
        keyDstHi[slot] = facts.dstHi();
        keyDstLo[slot] = facts.dstLo();
        resetCounters(slot);
        flowId[slot] = ++created;
        classifier.reset(slot);
        index(slot);
        appendToTail(slot);
        return slot;
    }

    private void index(int slot) {
        int b = hash[slot] & bucketMask;
        while (buckets[b] != EMPTY) {
            b = (b + 1) & bucketMask;
        }
        buckets[b] = slot;
    }

    /**
     * Flow slots 1..flows from now on, keeping what slots up to there held (a shrink drops only
     * unused slots); the index and the free slots are built again, the lowest free slot on top.
     */
    private void resize(int flows) {
        int slots = flows + 1;
        used = Arrays.copyOf(used, slots);
        hash = Arrays.copyOf(hash, slots);
        keyMeta = Arrays.copyOf(keyMeta, slots);
        keyPorts = Arrays.copyOf(keyPorts, slots);
        keySrcHi = Arrays.copyOf(keySrcHi, slots);
        keySrcLo = Arrays.copyOf(keySrcLo, slots);
        keyDstHi = Arrays.copyOf(keyDstHi, slots);
        keyDstLo = Arrays.copyOf(keyDstLo, slots);
        flowId = Arrays.copyOf(flowId, slots);
        packets = Arrays.copyOf(packets, slots);
        bytes = Arrays.copyOf(bytes, slots);
        lastSeenNanos = Arrays.copyOf(lastSeenNanos, slots);
        rateBytes = Arrays.copyOf(rateBytes, slots);
        rateTime = Arrays.copyOf(rateTime, slots);
        meanSize = Arrays.copyOf(meanSize, slots);
        lastGlobalSeq = Arrays.copyOf(lastGlobalSeq, slots);
        link = Arrays.copyOf(link, slots);
        duplicatesSent = Arrays.copyOf(duplicatesSent, slots);
        lruPrev = Arrays.copyOf(lruPrev, slots);
        lruNext = Arrays.copyOf(lruNext, slots);
        classifier.resize(slots);
        allocated = flows;
        int bucketCount = Integer.highestOneBit(Math.max(2, 2 * flows - 1)) << 1;
        buckets = new int[bucketCount];
        bucketMask = bucketCount - 1;
        Arrays.fill(buckets, EMPTY);
        free = new int[flows];
        freeCount = 0;
        for (int slot = flows; slot > 0; slot--) {
            if (used[slot]) {
                index(slot);
            } else {
                free[freeCount++] = slot;
            }
        }
    }

    private void resetCounters(int slot) {
        flowId[slot] = 0;
        packets[slot] = 0;
        bytes[slot] = 0;
        rateBytes[slot] = 0;
        rateTime[slot] = 0;
        meanSize[slot] = 0;
        lastGlobalSeq[slot] = -1;
        link[slot] = -1;
        duplicatesSent[slot] = 0;
    }

    private void remove(int slot) {
        int b = hash[slot] & bucketMask;
        while (buckets[b] != slot) {
            b = (b + 1) & bucketMask;
        }
        deleteBucket(b);
        unlink(slot);
        used[slot] = false;
        free[freeCount++] = slot;
    }

    /** Linear probing's backward-shift delete: later entries of the run move up into the hole. */
    private void deleteBucket(int hole) {
        buckets[hole] = EMPTY;
        for (int b = (hole + 1) & bucketMask; buckets[b] != EMPTY; b = (b + 1) & bucketMask) {
            int home = hash[buckets[b]] & bucketMask;
            // the entry may fill the hole unless its home lies cyclically in (hole, b]
            boolean homeAfterHole = hole <= b ? home > hole && home <= b : home > hole || home <= b;
            if (!homeAfterHole) {
                buckets[hole] = buckets[b];
                buckets[b] = EMPTY;
                hole = b;
            }
        }
    }

    private void moveToTail(int slot) {
        if (slot != lruTail) {
            unlink(slot);
            appendToTail(slot);
        }
    }

    private void appendToTail(int slot) {
        lruPrev[slot] = lruTail;
        lruNext[slot] = EMPTY;
        if (lruTail == EMPTY) {
            lruHead = slot;
        } else {
            lruNext[lruTail] = slot;
        }
        lruTail = slot;
    }

    private void unlink(int slot) {
        int prev = lruPrev[slot];
        int next = lruNext[slot];
        if (prev == EMPTY) {
            lruHead = next;
        } else {
            lruNext[prev] = next;
        }
        if (next == EMPTY) {
            lruTail = prev;
        } else {
            lruPrev[next] = prev;
        }
    }
}
