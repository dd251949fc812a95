package dev.braid.multilink.protocol;

/**
 * Receiver-side ack state for one link: which of the last {@code ackVectorPackets} link seqs
 * arrived, when an ack is due (every {@code ackRatio}-th new packet, or {@code delayedAckNanos}
 * after the oldest unacked one), and the {@link AckMessage} to send. State is a fixed-size
 * bitmap, so it is bounded whatever the peer sends.
 *
 * <p>Ack decimation: on a busy link, one whose last {@code busyAckRatio} packets arrived within
 * 2 x {@code delayedAckNanos}, an ack is due every {@code busyAckRatio}-th packet instead. Every
 * ack is a packet on the reverse path, where it takes the room of the other direction's data: a
 * TCP download's acks (about one per two segments) travel upstream as tunnel data, and acking
 * those every second packet cost 1.4 % of a 2 x 50 Mbit/s download's rate. A link carrying few
 * packets, such as one in its first rounds of slow start, keeps the short ratio, so a small
 * window is not held back waiting for packets that cannot come (the delayed-ack timer bounds
 * that wait in any case). The sender counts acked packets from the ack vector, so its window
 * grows as fast either way.
 */
public final class LinkAckTracker {
    private final int ackRatio;
    private final long delayedAckNanos;
    private final int busyAckRatio;
    /** Arrival times of the last busyAckRatio new packets (ring), to tell a busy link. */
    private final long[] recentArrivals;
    private long arrivals;
    private boolean busy;
    private final int window;
    private final boolean[] received;

    private long highest = -1;
    private long lowest = -1;
    private int highestTxMicros;
    private long highestRxNanos;
    private int unacked;
    private long firstUnackedNanos;

    public LinkAckTracker(int ackRatio, long delayedAckNanos, int windowPackets) {
        this(ackRatio, delayedAckNanos, ackRatio, windowPackets);
    }

    public LinkAckTracker(int ackRatio, long delayedAckNanos, int busyAckRatio, int windowPackets) {
        this.ackRatio = ackRatio;
        this.delayedAckNanos = delayedAckNanos;
        this.busyAckRatio = Math.max(ackRatio, busyAckRatio);
        this.recentArrivals = new long[this.busyAckRatio];
        this.window = windowPackets;
        this.received = new boolean[windowPackets];
    }

    public LinkAckTracker(MultilinkSettings settings) {
        this(settings.ackRatio(), settings.delayedAckNanos(), settings.busyAckRatio(), settings.ackVectorPackets());
    }

    /**
     * Records a received data packet.
     *
     * @param linkSeq 64-bit link seq (unwrapped by the caller)
     * @return false if it was already recorded or is older than the tracked window
     */
    public boolean onReceived(long nowNanos, long linkSeq, int txTimeMicros) {
        if (linkSeq < 0) {
            return false;
        }
        if (highest < 0) {
            highest = linkSeq;
            lowest = linkSeq;
            mark(linkSeq, true);
        } else if (linkSeq > highest) {
            long clearFrom = Math.max(highest + 1, linkSeq - window + 1);
            for (long s = clearFrom; s < linkSeq; s++) {
                mark(s, false);
            }
            mark(linkSeq, true);
            highest = linkSeq;
        } else {
            if (linkSeq <= highest - window || linkSeq < lowest || isMarked(linkSeq)) {
                return false;
            }
            mark(linkSeq, true);
        }
        if (linkSeq == highest) {
            highestTxMicros = txTimeMicros;
            highestRxNanos = nowNanos;
        }
        if (unacked == 0) {
            firstUnackedNanos = nowNanos;
        }
        unacked++;
        if (busyAckRatio > ackRatio) { // decimation on: the per-packet arrival ring is needed
            noteArrival(nowNanos);
        }
        return true;
    }

    /** Busy: busyAckRatio packets arrived in the 2 x delayedAckNanos before this one. */
    private void noteArrival(long nowNanos) {
        int n = recentArrivals.length;
        int slot = (int) (arrivals % n);
        long oldest = recentArrivals[slot]; // the arrival busyAckRatio packets ago, overwritten now
        recentArrivals[slot] = nowNanos;
        arrivals++;
        busy = arrivals > n && nowNanos - oldest <= 2 * delayedAckNanos; // ring was full
    }

    /** Whether an ack should be sent now. */
    public boolean ackDue(long nowNanos) {
        return unacked >= (busy ? busyAckRatio : ackRatio)
                || (unacked > 0 && nowNanos >= firstUnackedNanos + delayedAckNanos);
    }

    /** Delayed-ack deadline; {@link Long#MAX_VALUE} when nothing is unacked. */
    public long nextDeadlineNanos() {
        return unacked == 0 ? Long.MAX_VALUE : firstUnackedNanos + delayedAckNanos;
    }

    /** Highest link seq seen, -1 before the first packet. */
    public long highest() {
        return highest;
    }

    /**
     * Builds the ack for everything received so far and clears the pending count. Must only be
     * called after at least one packet was received.
     *
     * @param highestGlobalSeq the receiver's highest global seq seen (any link), truncated
     */
    public AckMessage buildAck(long nowNanos, int highestGlobalSeq) {
        if (highest < 0) {
            throw new IllegalStateException("nothing received on this link yet");
        }
        long oldest = Math.max(lowest, highest - window + 1);
        int left = (int) (highest - oldest + 1); // seqs to describe, at most one vector byte each
        byte[] vector = new byte[left];
        int n = 0;
        // Walk the bitmap backwards by index: one floorMod per ack, not two per seq (a hot path).
        int i = (int) Math.floorMod(highest, (long) window);
        while (left > 0) {
            boolean got = received[i];
            int run = 0;
            while (run < AckMessage.MAX_RUN_LENGTH + 1 && left > 0 && received[i] == got) {
                run++;
                left--;
                i = i == 0 ? window - 1 : i - 1;
            }
            int st = got ? AckMessage.STATE_RECEIVED : AckMessage.STATE_NOT_RECEIVED;
            vector[n++] = (byte) (st | (run - 1));
        }
        unacked = 0;
        long delayMicros = Math.max(0, (nowNanos - highestRxNanos) / 1000);
        byte[] exact = java.util.Arrays.copyOf(vector, n);
        return new AckMessage((int) highest, highestTxMicros, (int) Math.min(delayMicros, 0xFFFF_FFFFL),
                highestGlobalSeq, exact);
    }

    private void mark(long seq, boolean value) {
        received[(int) Math.floorMod(seq, (long) window)] = value;
    }

    private boolean isMarked(long seq) {
        return received[(int) Math.floorMod(seq, (long) window)];
    }
}
