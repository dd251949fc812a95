package dev.braid.testbed.demo;

import java.util.Arrays;
import java.util.BitSet;

/**
 * The realtime stream's books: each packet as it is sent (seq, time) and as it arrives (its
 * one-way delay). Per sample interval it gives the delays of the packets that arrived in it and
 * judges loss on the packets old enough to have arrived: sent at least {@code horizonNanos} ago,
 * far beyond any delay the demo's links can add, so a slow packet is never called lost.
 *
 * <p>Sans-I/O: times are arguments. Three threads use it (the generator, the client's event loop,
 * the sampler) at 50 packets a second, so every method is synchronized.
 */
final class RealtimeLedger {
    /**
     * One interval.
     *
     * @param delay   one-way delays of the packets that arrived in the interval
     * @param judged  packets whose loss was judged in the interval (sent a horizon before it)
     * @param lost    of those, the ones that never arrived
     */
    record Interval(LatencyStats delay, int judged, int lost) {}

    /** Of {@code sent} packets, {@code lost} never arrived. */
    record Loss(int sent, int lost) {
        double percent() {
            return sent == 0 ? 0 : 100.0 * lost / sent;
        }
    }

    private final long horizonNanos;
    private final BitSet arrived = new BitSet();
    private long[] sentSeq = new long[256];
    private long[] sentAt = new long[256];
    private int sends;
    private int judged;
    private long lost;
    private long[] arrivalSentAt = new long[256];
    private long[] arrivalDelay = new long[256];
    private int arrivals;
    private int arrivalsSampled;
    private long duplicates;

    RealtimeLedger(long horizonNanos) {
        this.horizonNanos = horizonNanos;
    }

    /** The generator sent packet {@code seq}; seqs come in increasing order. */
    synchronized void sent(long seq, long sentNanos) {
        if (sends == sentSeq.length) {
            sentSeq = Arrays.copyOf(sentSeq, sends * 2);
            sentAt = Arrays.copyOf(sentAt, sends * 2);
        }
        sentSeq[sends] = seq;
        sentAt[sends++] = sentNanos;
    }

    /** Packet {@code seq}, stamped {@code sentNanos}, reached the receiver's TUN; a second copy is only a duplicate. */
    synchronized void arrived(long seq, long sentNanos, long arrivalNanos) {
        if (arrived.get((int) seq)) {
            duplicates++;
            return;
        }
        arrived.set((int) seq);
        if (arrivals == arrivalDelay.length) {
            arrivalSentAt = Arrays.copyOf(arrivalSentAt, arrivals * 2);
            arrivalDelay = Arrays.copyOf(arrivalDelay, arrivals * 2);
        }
        arrivalSentAt[arrivals] = sentNanos;
        arrivalDelay[arrivals++] = arrivalNanos - sentNanos;
    }

    /** The arrivals since the previous call, and loss judged on what was sent a horizon before {@code nowNanos}. */
    synchronized Interval interval(long nowNanos) {
        LatencyStats delay = LatencyStats.of(Arrays.copyOfRange(arrivalDelay, arrivalsSampled, arrivals),
                arrivals - arrivalsSampled);
        arrivalsSampled = arrivals;
        return judgeUpTo(delay, nowNanos - horizonNanos);
    }

    /** Once nothing is in flight any more: judges every packet sent, whatever its age. */
    synchronized Interval finish() {
        return judgeUpTo(LatencyStats.NONE, Long.MAX_VALUE);
    }

    private Interval judgeUpTo(LatencyStats delay, long sentBy) {
        int judgedNow = 0;
        int lostNow = 0;
        while (judged < sends && sentAt[judged] <= sentBy) {
            if (!arrived.get((int) sentSeq[judged])) {
                lostNow++;
            }
            judged++;
            judgedNow++;
        }
        lost += lostNow;
        return new Interval(delay, judgedNow, lostNow);
    }

    synchronized int sent() {
        return sends;
    }

    /** Unique packets arrived. */
    synchronized int delivered() {
        return arrivals;
    }

    /** Packets judged lost so far. */
    synchronized long lost() {
        return lost;
    }

    synchronized long duplicates() {
        return duplicates;
    }

    /** Delays of the packets sent at or after {@code fromSentNanos}. */
    synchronized LatencyStats delaysSentFrom(long fromSentNanos) {
        long[] selected = new long[arrivals];
        int n = 0;
        for (int i = 0; i < arrivals; i++) {
            if (arrivalSentAt[i] >= fromSentNanos) {
                selected[n++] = arrivalDelay[i];
            }
        }
        return LatencyStats.of(selected, n);
    }

    /** The packets sent at or after {@code fromSentNanos}, and how many of them have not arrived. */
    synchronized Loss lossSentFrom(long fromSentNanos) {
        int sent = 0;
        int missing = 0;
        for (int i = 0; i < sends; i++) {
            if (sentAt[i] >= fromSentNanos) {
                sent++;
                missing += arrived.get((int) sentSeq[i]) ? 0 : 1;
            }
        }
        return new Loss(sent, missing);
    }

    /** Every arrival in arrival order: send times and one-way delays in nanoseconds. */
    synchronized long[][] trace() {
        return new long[][] {Arrays.copyOf(arrivalSentAt, arrivals), Arrays.copyOf(arrivalDelay, arrivals)};
    }
}
