package dev.braid.multilink.protocol;

import java.util.ArrayDeque;
import java.util.Arrays;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Puts packets from all links back into order, each inner flow on its own (see
 * docs/protocol-multilink.md §5). Sans-I/O. A packet names its predecessor in its flow (the
 * {@link DataHeader}'s flow delta) and is delivered once that predecessor was delivered or given
 * up: a hole holds only the packets of its own flow. A packet without a flow delta waits for every
 * earlier global seq; a realtime packet waits for nothing. Loss detection stays global: a missing
 * global seq g (the oldest hole is the head, {@code next}) is given up:
 * <ol>
 *   <li><b>at once (FIFO rule)</b> when every known link has delivered a global seq above g:
 *       links are FIFO and globals rise in send order, so g cannot come any more;</li>
 *   <li><b>at once (gap-count rule)</b> when link L jumped from link seq a to b (k = b-a-1 lost)
 *       between globals g_prev and g_new, and exactly k globals in (g_prev, g_new) are still
 *       missing: L's k lost packets all lie in that interval and are all missing, so the missing
 *       ones are exactly L's lost ones;</li>
 *   <li><b>on hold timeout</b>: the deadline is ts_n + d0 + max over links that have not passed g
 *       of (SOWD + max(G, 4·OWDVAR)) on the relative delay (G at least the hold slack, 10 ms),
 *       where ts_n is the tx timestamp of the smallest seq above g that arrived (g was sent no
 *       later), and never before such a link's last arrival + max(G, 4·OWDVAR) (it still drains
 *       packets sent before g, so g is queued behind them rather than lost). Capped at
 *       arrival(n) + max hold. The 1st and 2nd consecutive expiry give up the holes before n, the
 *       3rd releases everything buffered.</li>
 * </ol>
 * With {@link MultilinkSettings#repairLosses()} the two "at once" rules and an expired hold
 * timeout only note when g was found lost: the sender repairs it, so g is given up at that time +
 * the repair wait (RFC 6298's bound over how long earlier repairs took to arrive; the initial hold
 * before the first), or later while repairs keep arriving (last repair + the hold slack: a burst
 * of losses is repaired one after the other). A repaired packet goes out at once rather than at
 * its aligned delay (it is late already).
 * The buffer is bounded by packets (which also bounds the seq span) and bytes; when a new packet
 * does not fit, the head is released in order, skipping the hole (counted as overflow).
 * Global seqs start at 0.
 * <p>Memory: the per-seq arrays are a ring covering {@code [next, next + ring length)} that starts
 * at {@value #INITIAL_RING} seqs and doubles when a packet lands beyond it (up to the span the
 * packet bound gives), so a session that never reorders much never pays for the bound;
 * {@link #releaseIdle} gives the ring back once nothing is held. Only the bit per seq of what was
 * skipped below the head covers the whole span from the start (2 KiB at the default bound).
 */
public final class Resequencer<P> {
    private enum Skip { LOST, TIMEOUT, OVERFLOW }

    /** A link seq gap: k packets lost on one link carried globals in [lo, hi]. */
    private record Gap(long lo, long hi, long k) {
    }

    private static final int MAX_GAPS = 32;
    private static final Object LOST_MARK = new Object();
    /** A slot whose packet went out ahead of the head (its flow did not wait for the hole). */
    private static final Object DELIVERED_MARK = new Object();
    /** {@link #predecessor} values that are not a seq. */
    private static final long NO_PREDECESSOR = -1;
    private static final long EVERY_EARLIER_SEQ = -2;
    private static final long NO_WAITER = -1;
    /** Seqs the ring covers at first and after {@link #releaseIdle}. */
    static final int INITIAL_RING = 16;

    private final MultilinkSettings settings;
    /** The seq span: packets beyond next + capacity push the head on; older than next - capacity are too old. */
    private final int capacity;
    /** For seqs in [next - capacity, next): true if skipped and not (yet) arrived. */
    private final SeqBits skippedBelow;
    // The ring: per-seq state of [next, next + ringLength), ringLength a power of two <= capacity.
    private int ringLength;
    private int mask;
    private Object[] slots;
    private int[] sizes;
    private int[] txTimes;
    private long[] arrivals;
    /** Repair mode: {@code lostSeqs[i] == s} means s was found lost at {@code lostAt[i]}. */
    private long[] lostSeqs;
    private long[] lostAt;
    /** A repaired or realtime packet: delivered without waiting for its aligned delay. */
    private boolean[] unaligned;
    /** The seq a buffered packet waits for, or NO_PREDECESSOR / EVERY_EARLIER_SEQ. */
    private long[] predecessor;
    /** The buffered packet that waits for this slot's seq (its flow's successor), or NO_WAITER. */
    private long[] waiter;
    /** Buffered packets whose predecessor is done and that wait only for their aligned delay. */
    private DueHeap due;
    /** Successors freed while the head moves, released once it has moved. */
    private long[] freed;
    private int freedCount;
    /** Time from "found lost" to the repair's arrival, nanoseconds. */
    private final Rfc6298Estimator repairWait = new Rfc6298Estimator();
    /** Last arrival of a repair: while repairs keep coming, the ones behind them are on the way. */
    private long lastRepairNanos = Long.MIN_VALUE;
    private final Map<Integer, LinkDelayState> links = new LinkedHashMap<>();
    private final ArrayDeque<Gap> gaps = new ArrayDeque<>();

    private long next;
    private long highest = -1;
    private int count;
    private long bytes;
    private boolean hasD0;
    private int d0;
    private int consecutiveExpiries;
    private long holeDeadline = Long.MAX_VALUE;
    /** When the in-order head may go out ({@link MultilinkSettings#alignDelay()}); MAX if none waits. */
    private long playoutDeadline = Long.MAX_VALUE;
    /** Seqs below this were already checked by the FIFO rule (held packets keep next still). */
    private long fifoCheckedBelow;

    private long delivered;
    private long held;
    private long releasedByTimeout;
    private long skippedAsLost;
    private long skippedByTimeout;
    private long skippedByOverflow;
    private long overflow;
    private long duplicates;
    private long late;
    private long timeouts;
    private long repaired;

    public Resequencer(MultilinkSettings settings) {
        this.settings = settings;
        // The seq span may hold holes as well as packets: twice the packet bound, power of two.
        this.capacity = SeqRing.powerOfTwoAtLeast(2 * settings.resequencerMaxPackets());
        this.skippedBelow = new SeqBits(capacity);
        resizeRing(Math.min(INITIAL_RING, capacity));
    }

    /**
     * Gives the ring back to its first size when nothing is held (no packet buffered, nothing
     * above the head); the next reordering grows it again. True if memory was released.
     */
    public boolean releaseIdle() {
        if (ringLength <= INITIAL_RING || count > 0 || highest >= next) {
            return false;
        }
        resizeRing(INITIAL_RING);
        return true;
    }

    /** Seqs the ring covers now (its per-seq arrays' length). */
    public int ringLength() {
        return ringLength;
    }

    /** Grows the ring (doubling) until it covers {@code globalSeq}; makeRoom keeps it within the span. */
    private void coverInRing(long globalSeq) {
        if (globalSeq - next >= ringLength) {
            resizeRing(SeqRing.powerOfTwoAtLeast((int) (globalSeq - next + 1)));
        }
    }

    /**
     * New per-seq arrays of {@code length} seqs holding what the old ones held for
     * {@code [next, next + length)} (all of it when growing: nothing lives beyond the old ring).
     */
    private void resizeRing(int length) {
        int oldLength = ringLength;
        int live = Math.min(oldLength, length);
        Object[] newSlots = new Object[length];
        int[] newSizes = new int[length];
        int[] newTxTimes = new int[length];
        long[] newArrivals = new long[length];
        boolean[] newUnaligned = new boolean[length];
        long[] newPredecessor = new long[length];
        long[] newWaiter = new long[length];
        Arrays.fill(newWaiter, NO_WAITER);
        if (oldLength > 0) {
            SeqRing.move(slots, oldLength, newSlots, length, next, live);
            SeqRing.move(sizes, oldLength, newSizes, length, next, live);
            SeqRing.move(txTimes, oldLength, newTxTimes, length, next, live);
            SeqRing.move(arrivals, oldLength, newArrivals, length, next, live);
            SeqRing.move(unaligned, oldLength, newUnaligned, length, next, live);
            SeqRing.move(predecessor, oldLength, newPredecessor, length, next, live);
            SeqRing.move(waiter, oldLength, newWaiter, length, next, live);
        }
        DueHeap newDue = new DueHeap(length, newTxTimes);
        for (int k = 0; due != null && k < due.size(); k++) {
            long seq = next + ((due.slotAt(k) - next) & mask);
            newDue.add((int) (seq & (length - 1)));
        }
        if (settings.repairLosses()) {
            resizeLost(length);
        }
        slots = newSlots;
        sizes = newSizes;
        txTimes = newTxTimes;
        arrivals = newArrivals;
        unaligned = newUnaligned;
        predecessor = newPredecessor;
        waiter = newWaiter;
        due = newDue;
        freed = new long[length]; // empty between calls: advance() drains it before it returns
        ringLength = length;
        mask = length - 1;
    }

    /** Found-lost records carry their seq, so each finds its new index (the newest wins a shared one). */
    private void resizeLost(int length) {
        long[] newSeqs = new long[length];
        long[] newAt = new long[length];
        Arrays.fill(newSeqs, -1);
        for (int i = 0; lostSeqs != null && i < lostSeqs.length; i++) {
            long seq = lostSeqs[i];
            int j = (int) (seq & (length - 1));
            if (seq >= 0 && seq > newSeqs[j]) {
                newSeqs[j] = seq;
                newAt[j] = lostAt[i];
            }
        }
        lostSeqs = newSeqs;
        lostAt = newAt;
    }

    /**
     * Makes a link known before its first packet, so the FIFO rule waits for it. Links are also
     * added implicitly by their first packet.
     */
    public void addLink(long nowNanos, int linkId) {
        links.computeIfAbsent(linkId, id -> new LinkDelayState(id, nowNanos));
    }

    /** Forgets a link: it no longer blocks the FIFO rule. */
    public void removeLink(long nowNanos, int linkId, ReceiverOutput<P> out) {
        if (links.remove(linkId) != null) {
            settle(nowNanos, out);
            holeDeadline = computeDeadline(nowNanos);
        }
    }

    /** A link that is down no longer sets the aligned delay (it still blocks the FIFO rule). */
    public void setLinkUp(long nowNanos, int linkId, boolean up, ReceiverOutput<P> out) {
        LinkDelayState link = links.get(linkId);
        if (link != null && link.up != up) {
            link.up = up;
            settle(nowNanos, out);
            holeDeadline = computeDeadline(nowNanos);
        }
    }

    /**
     * Accepts one packet without flow information: it waits for every earlier global seq.
     *
     * @see #onPacket(long, int, long, int, long, int, Object, int, ReceiverOutput)
     */
    public void onPacket(long nowNanos, int linkId, long globalSeq, int txTimeMicros,
                         long linkLostBefore, P packet, int bytes, ReceiverOutput<P> out) {
        onPacket(nowNanos, linkId, globalSeq, txTimeMicros, linkLostBefore, FlowTag.GLOBAL_ORDER,
                packet, bytes, out);
    }

    /**
     * Accepts one packet. Ownership of {@code packet} passes to the resequencer; it reaches
     * {@code out} by deliver (now or later) or discard.
     *
     * @param globalSeq         64-bit global seq (unwrapped by the caller)
     * @param txTimeMicros      sender's tx timestamp from the data header
     * @param linkLostBefore    link packets missing on this link directly before this one (link
     *                          seq gap), 0 if none or unknown
     * @param flowTag           the header's flow delta and flags ({@link FlowTag})
     */
    public void onPacket(long nowNanos, int linkId, long globalSeq, int txTimeMicros,
                         long linkLostBefore, int flowTag, P packet, int bytes, ReceiverOutput<P> out) {
        LinkDelayState link = links.computeIfAbsent(linkId, id -> new LinkDelayState(id, nowNanos));
        link.lastRxNanos = nowNanos;
        sampleDelay(nowNanos, link, txTimeMicros);
        long gPrev = link.maxRxGlobal;
        if (globalSeq > link.maxRxGlobal) {
            link.maxRxGlobal = globalSeq;
        }
        if (linkLostBefore > 0 && gPrev >= 0 && globalSeq > gPrev + 1) {
            if (gaps.size() == MAX_GAPS) {
                gaps.poll();
            }
            gaps.add(new Gap(gPrev + 1, globalSeq - 1, linkLostBefore));
        }
        highest = Math.max(highest, globalSeq);

        Object present = globalSeq >= next && globalSeq - next < ringLength ? slots[index(globalSeq)] : null;
        if (globalSeq < next) {
            rejectOld(nowNanos, globalSeq, packet, out);
        } else if (arrived(present)) {
            duplicates++;
            out.discard(packet, DiscardReason.DUPLICATE);
        } else {
            makeRoom(nowNanos, globalSeq, bytes, out);
            coverInRing(globalSeq);
            store(nowNanos, globalSeq, txTimeMicros, flowTag, packet, bytes);
            tryRelease(nowNanos, globalSeq, out);
            int i = index(globalSeq);
            if (slots[i] == packet && !due.contains(i)) {
                held++;
            }
        }
        settle(nowNanos, out);
        holeDeadline = computeDeadline(nowNanos);
    }

    private void store(long nowNanos, long globalSeq, int txTimeMicros, int flowTag, P packet, int bytes) {
        if (globalSeq == next) {
            consecutiveExpiries = 0; // the head hole was filled
        }
        int i = index(globalSeq);
        boolean repairedHere = wasFoundLost(globalSeq);
        if (repairedHere) {
            repaired++;
            repairWait.sample(nowNanos - lostAt[i]);
            lastRepairNanos = nowNanos;
        }
        int flags = FlowTag.flags(flowTag);
        boolean realtime = (flags & DataHeader.REALTIME) != 0;
        unaligned[i] = repairedHere || realtime;
        if (realtime || (flags & DataHeader.FLOW_START) != 0) {
            predecessor[i] = NO_PREDECESSOR;
        } else if (FlowTag.delta(flowTag) == 0) {
            predecessor[i] = EVERY_EARLIER_SEQ;
        } else {
            predecessor[i] = globalSeq - FlowTag.delta(flowTag);
        }
        slots[i] = packet;
        sizes[i] = bytes;
        txTimes[i] = txTimeMicros;
        arrivals[i] = nowNanos;
        count++;
        this.bytes += bytes;
    }

    private void rejectOld(long nowNanos, long globalSeq, P packet, ReceiverOutput<P> out) {
        if (globalSeq < 0 || globalSeq < next - capacity) {
            late++;
            out.discard(packet, DiscardReason.TOO_OLD);
        } else if (skippedBelow.get(globalSeq)) {
            if (wasFoundLost(globalSeq)) {
                repairWait.sample(nowNanos - lostAt[index(globalSeq)]); // the wait was too short
                lastRepairNanos = nowNanos;
            }
            skippedBelow.set(globalSeq, false); // it did arrive after all
            late++;
            out.deliverLate(packet);
        } else {
            duplicates++;
            out.discard(packet, DiscardReason.DUPLICATE);
        }
    }

    /**
     * Delivers the buffered packet {@code seq} if its predecessor is done and its aligned delay
     * is due, then its successors in the flow while they can go; otherwise it waits, for its
     * predecessor (as that slot's waiter) or for its delay (in {@link #due}).
     */
    private void tryRelease(long nowNanos, long seq, ReceiverOutput<P> out) {
        long target = Long.MIN_VALUE;
        boolean targetKnown = false;
        for (long s = seq; s != NO_WAITER; ) {
            int i = index(s);
            if (!isPayload(slots[i]) || due.contains(i)) {
                return;
            }
            if (!predecessorDone(s)) {
                waitForPredecessor(s);
                return;
            }
            if (settings.alignDelay() && !unaligned[i]) {
                if (!targetKnown) {
                    target = alignedDelayMicros();
                    targetKnown = true;
                }
                if (target != Long.MIN_VALUE && dueNanos(i, target, nowNanos) > nowNanos) {
                    due.add(i);
                    return;
                }
            }
            deliverEarly(i, nowNanos, out);
            s = takeWaiter(i);
        }
    }

    private boolean predecessorDone(long seq) {
        long p = predecessor[index(seq)];
        if (p == NO_PREDECESSOR) {
            return true;
        }
        if (p == EVERY_EARLIER_SEQ) {
            return seq == next;
        }
        // A lost predecessor is done only once the head passed it: its own predecessor (unknown,
        // it never arrived) may still wait, and the flow must not overtake it.
        return p < next || slots[index(p)] == DELIVERED_MARK;
    }

    /** Registers {@code seq} as its predecessor's waiter; a second claimant falls back to global order. */
    private void waitForPredecessor(long seq) {
        int i = index(seq);
        long p = predecessor[i];
        if (p == EVERY_EARLIER_SEQ) {
            return; // the head reaching it releases it
        }
        int pi = index(p);
        if (waiter[pi] == NO_WAITER || waiter[pi] == seq) {
            waiter[pi] = seq;
        } else {
            predecessor[i] = EVERY_EARLIER_SEQ; // a malformed or colliding flow delta: stay safe
        }
    }

    private long takeWaiter(int i) {
        long w = waiter[i];
        waiter[i] = NO_WAITER;
        return w;
    }

    /** Delivers slot i's packet ahead of the head; the slot keeps a mark until the head passes it. */
    private void deliverEarly(int i, long nowNanos, ReceiverOutput<P> out) {
        @SuppressWarnings("unchecked")
        P p = (P) slots[i];
        slots[i] = DELIVERED_MARK;
        count--;
        bytes -= sizes[i];
        delivered++;
        out.deliver(p, nowNanos - arrivals[i]);
    }

    private long dueNanos(int i, long targetMicros, long nowNanos) {
        return localMicrosToNanos((int) (txTimes[i] + d0 + targetMicros), nowNanos);
    }

    /**
     * Releases the head (overflow) until the new packet fits in packets, bytes and seq span: the
     * oldest buffered packet is delivered, skipping the hole in front of it; a packet beyond the
     * span moves the window just far enough.
     */
    private void makeRoom(long nowNanos, long globalSeq, int size, ReceiverOutput<P> out) {
        while (true) {
            boolean spanFull = globalSeq - next >= capacity;
            boolean full = count + 1 > settings.resequencerMaxPackets()
                    || (count > 0 && bytes + size > settings.resequencerMaxBytes());
            if (!spanFull && !full) {
                return;
            }
            long first = count == 0 ? Long.MAX_VALUE : firstBuffered();
            if (spanFull && first > globalSeq - capacity) {
                overflow += advance(nowNanos, globalSeq - capacity + 1, Skip.OVERFLOW, out);
            } else if (!spanFull && globalSeq < first) {
                overflow++; // the new packet itself goes out early, as the new head
                advance(nowNanos, globalSeq, Skip.OVERFLOW, out);
                return;
            } else {
                overflow += advance(nowNanos, first + 1, Skip.OVERFLOW, out);
            }
            releaseReady(nowNanos, out);
        }
    }

    /** Fires the hold timeout if due. */
    public void onTimer(long nowNanos, ReceiverOutput<P> out) {
        settle(nowNanos, out);
        holeDeadline = computeDeadline(nowNanos);
        while (holeAtHead() && nowNanos >= holeDeadline) {
            if (lostSeqs != null && !wasFoundLost(next)) {
                giveUp(next, nowNanos); // overdue on every link: its repair is on the way
                holeDeadline = computeDeadline(nowNanos);
                continue;
            }
            timeouts++;
            consecutiveExpiries++;
            long deliveredBefore = delivered;
            if (consecutiveExpiries >= 3 && count > 0) {
                consecutiveExpiries = 0;
                advance(nowNanos, lastBuffered() + 1, Skip.TIMEOUT, out);
            } else {
                advance(nowNanos, firstArrived(), Skip.TIMEOUT, out);
            }
            releaseReady(nowNanos, out);
            releasedByTimeout += delivered - deliveredBefore;
            settleRules(nowNanos, out, false);
            holeDeadline = computeDeadline(nowNanos);
        }
    }

    /** Hold-timeout or aligned-delay deadline; {@link Long#MAX_VALUE} when nothing waits. */
    public long nextDeadlineNanos() {
        return Math.min(holeDeadline, playoutDeadline);
    }

    /** Delivers everything buffered (skipping holes, counted as timeout skips), e.g. at close. */
    public void flush(ReceiverOutput<P> out) {
        if (highest >= next) {
            releasedByTimeout += advance(Long.MAX_VALUE, highest + 1, Skip.TIMEOUT, out);
        }
        holeDeadline = Long.MAX_VALUE;
        playoutDeadline = Long.MAX_VALUE;
    }

    private void settle(long nowNanos, ReceiverOutput<P> out) {
        releaseReady(nowNanos, out);
        settleRules(nowNanos, out, true);
    }

    /** Applies the FIFO and gap-count rules until nothing changes. */
    private void settleRules(long nowNanos, ReceiverOutput<P> out, boolean resetExpiries) {
        while (highest >= next) {
            boolean passed = markPassedByEveryLink(nowNanos);
            if (!applyGaps(nowNanos) && !passed) {
                break;
            }
            if (resetExpiries) {
                consecutiveExpiries = 0;
            }
            releaseReady(nowNanos, out);
        }
        if (count == 0) {
            consecutiveExpiries = 0;
        }
    }

    /** FIFO rule: marks lost every missing seq that every link has passed; true if any was marked. */
    private boolean markPassedByEveryLink(long nowNanos) {
        if (links.isEmpty()) {
            return false;
        }
        long minPassed = Long.MAX_VALUE;
        for (LinkDelayState l : links.values()) {
            minPassed = Math.min(minPassed, l.maxRxGlobal);
        }
        boolean marked = false;
        long end = Math.min(minPassed, next + ringLength);
        for (long s = Math.max(next, fifoCheckedBelow); s < end; s++) {
            if (slots[index(s)] == null) {
                marked |= giveUp(s, nowNanos);
            }
        }
        fifoCheckedBelow = Math.max(fifoCheckedBelow, end);
        return marked;
    }

    /** Marks the missing globals of satisfied gap records as lost; true if any were marked. */
    private boolean applyGaps(long nowNanos) {
        boolean changed = false;
        for (Iterator<Gap> it = gaps.iterator(); it.hasNext(); ) {
            Gap g = it.next();
            if (g.hi() < next || g.lo() < next - capacity || g.hi() - next >= capacity) {
                it.remove();
                continue;
            }
            long missing = 0;
            for (long s = g.lo(); s < next && s <= g.hi(); s++) {
                if (skippedBelow.get(s)) {
                    missing++;
                }
            }
            for (long s = Math.max(g.lo(), next); s <= g.hi(); s++) {
                if (!arrived(slots[index(s)])) {
                    missing++;
                }
            }
            if (missing == g.k()) {
                boolean marked = false;
                for (long s = Math.max(g.lo(), next); s <= g.hi(); s++) {
                    if (slots[index(s)] == null) {
                        marked |= giveUp(s, nowNanos);
                    }
                }
                it.remove();
                changed |= marked;
            } else if (missing < g.k()) {
                it.remove(); // inconsistent (reordering inside a link): forget it
            }
        }
        return changed;
    }

    /**
     * A missing seq that cannot come over its link any more: skipped (true), or with repair on
     * only noted with the time, for the repair wait (false).
     */
    private boolean giveUp(long seq, long nowNanos) {
        int i = index(seq);
        if (lostSeqs == null) {
            slots[i] = LOST_MARK; // its flow's successor goes on when the head passes it
            return true;
        }
        if (lostSeqs[i] != seq) {
            lostSeqs[i] = seq;
            lostAt[i] = nowNanos;
        }
        return false;
    }

    private boolean wasFoundLost(long seq) {
        return lostSeqs != null && lostSeqs[index(seq)] == seq;
    }

    /** How long a repair is waited for once its packet was found lost. */
    private long repairWaitNanos() {
        long wait = repairWait.hasSample()
                ? repairWait.bound(Math.max(settings.clockGranularityNanos(), settings.resequencerHoldSlackNanos()))
                : settings.resequencerInitialHoldNanos();
        return Math.min(wait, settings.resequencerMaxHoldNanos());
    }

    /**
     * Delivers the packets whose aligned delay is due (and the successors that frees), then moves
     * the head over every slot that is done; sets the playout deadline.
     */
    private void releaseReady(long nowNanos, ReceiverOutput<P> out) {
        if (!due.isEmpty()) {
            long target = alignedDelayMicros();
            while (!due.isEmpty()) {
                int i = due.peek();
                if (target != Long.MIN_VALUE && dueNanos(i, target, nowNanos) > nowNanos) {
                    break;
                }
                due.remove(i);
                deliverEarly(i, nowNanos, out);
                long w = takeWaiter(i);
                if (w != NO_WAITER) {
                    tryRelease(nowNanos, w, out);
                }
            }
        }
        advanceHead(nowNanos, out);
        playoutDeadline = due.isEmpty() ? Long.MAX_VALUE
                : dueNanos(due.peek(), Math.max(0, alignedDelayMicros()), nowNanos);
    }

    /**
     * Largest base relative one-way delay among the links that are up and have samples: a packet
     * sent at tx is released at tx + d0 + this, when it would have arrived over the slowest of
     * them. {@link Long#MIN_VALUE} when no link qualifies.
     */
    private long alignedDelayMicros() {
        long target = Long.MIN_VALUE;
        for (LinkDelayState l : links.values()) {
            long base = l.baseline();
            if (l.up && base != Long.MAX_VALUE) {
                target = Math.max(target, base);
            }
        }
        return target;
    }

    /** Moves the head over delivered and lost slots, releasing packets that wait for every earlier seq. */
    private void advanceHead(long nowNanos, ReceiverOutput<P> out) {
        while (true) {
            int i = index(next);
            Object o = slots[i];
            if (o == null || due.contains(i)) {
                return;
            }
            if (isPayload(o)) {
                tryRelease(nowNanos, next, out); // its predecessor is below the head: done
                if (slots[i] != DELIVERED_MARK) {
                    return;
                }
                continue;
            }
            slots[i] = null;
            skippedBelow.set(next, o == LOST_MARK);
            if (o == LOST_MARK) {
                countSkip(Skip.LOST, 1);
            }
            next++;
            long w = takeWaiter(i);
            if (w != NO_WAITER) {
                tryRelease(nowNanos, w, out);
            }
        }
    }

    /**
     * Moves {@code next} to {@code target} at once: buffered packets on the way are delivered
     * (whatever they wait for), missing seqs are skipped and counted by {@code kind}; the flow
     * successors of what was passed are released after. Returns the number delivered.
     */
    private long advance(long nowNanos, long target, Skip kind, ReceiverOutput<P> out) {
        long deliveredHere = 0;
        long end = Math.min(target, next + ringLength);
        for (long s = next; s < end; s++) {
            int i = index(s);
            Object o = slots[i];
            slots[i] = null;
            if (isPayload(o)) {
                if (due.contains(i)) {
                    due.remove(i);
                }
                @SuppressWarnings("unchecked")
                P p = (P) o;
                count--;
                bytes -= sizes[i];
                delivered++;
                deliveredHere++;
                skippedBelow.set(s, false);
                out.deliver(p, nowNanos == Long.MAX_VALUE ? 0 : nowNanos - arrivals[i]); // MAX: flushed at close
            } else if (o == DELIVERED_MARK) {
                skippedBelow.set(s, false);
            } else {
                skippedBelow.set(s, true);
                countSkip(kind, 1);
            }
            long w = takeWaiter(i);
            if (w != NO_WAITER) {
                freed[freedCount++] = w;
            }
        }
        if (target > end) {
            // Far jump: nothing is buffered up there; everything is missing.
            countSkip(kind, target - end);
            for (long s = Math.max(end, target - capacity); s < target; s++) {
                skippedBelow.set(s, true);
            }
        }
        next = Math.max(next, target);
        releaseFreed(nowNanos, out);
        return deliveredHere;
    }

    private void releaseFreed(long nowNanos, ReceiverOutput<P> out) {
        while (freedCount > 0) {
            long w = freed[--freedCount];
            int i = index(w);
            if (w >= next && isPayload(slots[i]) && !due.contains(i)) {
                tryRelease(nowNanos, w, out);
            }
        }
    }

    private void countSkip(Skip kind, long n) {
        switch (kind) {
            case LOST -> skippedAsLost += n;
            case TIMEOUT -> skippedByTimeout += n;
            case OVERFLOW -> skippedByOverflow += n;
            default -> throw new AssertionError(kind);
        }
    }

    private long computeDeadline(long nowNanos) {
        if (!holeAtHead()) {
            return Long.MAX_VALUE; // no hole at the head (it may wait for its aligned delay)
        }
        long n = firstArrived();
        int i = index(n);
        long cap = arrivals[i] + settings.resequencerMaxHoldNanos();
        long slackNanos = Math.max(settings.clockGranularityNanos(), settings.resequencerHoldSlackNanos());
        if (wasFoundLost(next)) {
            // A burst of losses is repaired one packet after the other: the last repairs come
            // well after the first, so a repair stream still flowing extends the wait.
            long repairsFlowing = lastRepairNanos == Long.MIN_VALUE ? Long.MIN_VALUE : lastRepairNanos + slackNanos;
            return Math.min(cap, Math.max(lostAt[index(next)] + repairWaitNanos(), repairsFlowing));
        }
        long g = slackNanos / 1000;
        long bound = Long.MIN_VALUE;
        boolean blockerWithoutSample = false;
        boolean anyBlocker = false;
        long boundAll = Long.MIN_VALUE;
        long stillDelivering = Long.MIN_VALUE;
        for (LinkDelayState l : links.values()) {
            long b = l.owd.hasSample() ? l.owd.bound(g) : Long.MIN_VALUE;
            boundAll = Math.max(boundAll, b);
            if (l.maxRxGlobal <= next) { // has not passed the hole
                anyBlocker = true;
                if (l.owd.hasSample()) {
                    bound = Math.max(bound, b);
                    stillDelivering = Math.max(stillDelivering,
                            l.lastRxNanos + 1000 * Math.max(g, 4 * l.owd.variance()));
                } else {
                    blockerWithoutSample = true;
                }
            }
        }
        if (!anyBlocker) {
            return nowNanos; // the FIFO rule will skip at the next event
        }
        if (blockerWithoutSample) {
            bound = Math.max(bound, boundAll);
        }
        if (bound == Long.MIN_VALUE || !hasD0) {
            return Math.min(cap, arrivals[i] + settings.resequencerInitialHoldNanos());
        }
        int localMicros = (int) (txTimes[i] + d0 + bound);
        // A blocker that is still delivering (packets sent before the hole, FIFO) has the hole
        // behind them: its queue grew beyond what the smoothed delay says. Waiting costs delay;
        // giving up costs the inner flow a loss.
        return Math.min(cap, Math.max(localMicrosToNanos(localMicros, nowNanos), stillDelivering));
    }

    /** The nanosecond instant near {@code nowNanos} whose truncated µs value is localMicros. */
    static long localMicrosToNanos(int localMicros, long nowNanos) {
        long nowMicros = Math.floorDiv(nowNanos, 1000L);
        return (nowMicros + (localMicros - (int) nowMicros)) * 1000L;
    }

    private void sampleDelay(long nowNanos, LinkDelayState link, int txTimeMicros) {
        int d = DataHeader.microsOf(nowNanos) - txTimeMicros;
        if (!hasD0) {
            hasD0 = true;
            d0 = d;
        }
        link.sample(nowNanos, d - d0, settings.owdBaselineWindowNanos());
    }

    private long firstBuffered() {
        for (long s = next; ; s++) {
            if (isPayload(slots[index(s)])) {
                return s;
            }
        }
    }

    private long lastBuffered() {
        for (long s = next + ringLength - 1; ; s--) {
            if (isPayload(slots[index(s)])) {
                return s;
            }
        }
    }

    /** The lowest seq above the head that arrived (buffered or delivered early). */
    private long firstArrived() {
        long end = Math.min(highest, next + ringLength - 1);
        for (long s = next; s < end; s++) {
            if (arrived(slots[index(s)])) {
                return s;
            }
        }
        return end;
    }

    /** The head is missing while later seqs arrived. */
    private boolean holeAtHead() {
        return highest > next && slots[index(next)] == null;
    }

    private static boolean isPayload(Object o) {
        return o != null && o != LOST_MARK && o != DELIVERED_MARK;
    }

    private static boolean arrived(Object o) {
        return isPayload(o) || o == DELIVERED_MARK;
    }

    private int index(long seq) {
        return (int) (seq & mask);
    }

    /** Relative one-way delay of a link: smoothed delay minus the baseline B (µs), -1 if none. */
    public long relativeOwdMicros(int linkId) {
        LinkDelayState l = links.get(linkId);
        if (l == null || !l.owd.hasSample()) {
            return -1;
        }
        long base = Long.MAX_VALUE;
        for (LinkDelayState x : links.values()) {
            base = Math.min(base, x.baseline());
        }
        return l.owd.smoothed() - base;
    }

    /** The next global seq to deliver. */
    public long nextExpected() {
        return next;
    }

    /** Highest global seq received, -1 before the first. */
    public long highestReceived() {
        return highest;
    }

    public ResequencerStats stats() {
        return new ResequencerStats(delivered, held, releasedByTimeout, skippedAsLost,
                skippedByTimeout, skippedByOverflow, overflow, duplicates, late, timeouts, repaired,
                count, bytes);
    }
}
