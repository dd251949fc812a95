package dev.braid.multilink.protocol;

import java.util.Arrays;

/**
 * An {@link AckMessage} unwrapped to the sender's 64-bit link seqs: what a
 * {@link CongestionControl} consumes.
 *
 * @param ackNumber      highest link seq the receiver has
 * @param ackDelayNanos  receiver's delay between receiving ackNumber and acking it
 * @param receivedRanges pairs {@code [hi0, lo0, hi1, lo1, ...]} (inclusive), descending, of link
 *                       seqs reported Received or ECN-marked
 */
public record AckInfo(long ackNumber, long ackDelayNanos, long[] receivedRanges) {

    public AckInfo {
        receivedRanges = receivedRanges.clone();
    }

    @Override
    public long[] receivedRanges() {
        return receivedRanges.clone();
    }

    /** Number of ranges. */
    public int rangeCount() {
        return receivedRanges.length / 2;
    }

    public long rangeHigh(int i) {
        return receivedRanges[2 * i];
    }

    public long rangeLow(int i) {
        return receivedRanges[2 * i + 1];
    }

    /**
     * Unwraps a wire ack against the sender's highest link seq sent so far (next link seq - 1).
     */
    public static AckInfo from(AckMessage ack, long highestSentLinkSeq) {
        long ackNumber = SeqNum.unwrap(ack.ackNumber(), highestSentLinkSeq);
        long[] ranges = new long[2 * ack.vectorLength()];
        int n = 0;
        long cursor = ackNumber;
        for (int i = 0; i < ack.vectorLength(); i++) {
            int packets = ack.runPackets(i);
            boolean received = ack.runState(i) != AckMessage.STATE_NOT_RECEIVED;
            if (received) {
                long hi = cursor;
                long lo = cursor - packets + 1;
                if (n > 0 && ranges[n - 1] == hi + 1) {
                    ranges[n - 1] = lo; // merge with the run just above
                } else {
                    ranges[n++] = hi;
                    ranges[n++] = lo;
                }
            }
            cursor -= packets;
        }
        return new AckInfo(ackNumber, ack.ackDelayMicros() * 1000L, Arrays.copyOf(ranges, n));
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof AckInfo a && a.ackNumber == ackNumber
                && a.ackDelayNanos == ackDelayNanos
                && Arrays.equals(a.receivedRanges, receivedRanges);
    }

    @Override
    public int hashCode() {
        return Long.hashCode(ackNumber) * 31 + Arrays.hashCode(receivedRanges);
    }

    @Override
    public String toString() {
        return "AckInfo[ack=" + ackNumber + ", delayNs=" + ackDelayNanos + ", ranges="
                + Arrays.toString(receivedRanges) + "]";
    }
}
