package dev.braid.multilink.protocol;

/**
 * Per-link congestion control in packets (the shape of Linux {@code struct ccid_operations}:
 * may I send, sent, ack arrived, timer). One instance per link; sans-I/O: every time comes in as
 * {@code nowNanos}. Link seqs are 64-bit counters starting at 0, +1 per packet sent.
 */
public interface CongestionControl {
    /** Registry name, e.g. "ccid2". */
    String name();

    /** True while pipe < cwnd: one more data packet may be sent now. */
    boolean canSend();

    /** A data packet with the next link seq was sent; seqs must be consecutive. */
    void onSent(long nowNanos, long linkSeq);

    /** Processes one ack (already unwrapped with {@link AckInfo#from}). */
    default AckOutcome onAck(long nowNanos, AckInfo ack) {
        return onAck(nowNanos, ack, PacketFates.IGNORE);
    }

    /** Processes one ack and reports every packet it acked or declared lost to {@code fates}. */
    AckOutcome onAck(long nowNanos, AckInfo ack, PacketFates fates);

    /** When the retransmission timer fires; {@link Long#MAX_VALUE} when nothing is in flight. */
    long nextTimeoutNanos();

    /**
     * Fires the retransmission timer if it is due at {@code nowNanos}.
     *
     * @return true if an RTO expired (window collapsed to 1, in-flight forgotten)
     */
    default boolean onTimeout(long nowNanos) {
        return onTimeout(nowNanos, PacketFates.IGNORE);
    }

    /** As {@link #onTimeout(long)}; every packet the expiry forgets is reported lost. */
    boolean onTimeout(long nowNanos, PacketFates fates);

    /** Congestion window, packets. */
    int cwnd();

    /** Slow-start threshold, packets ({@link Integer#MAX_VALUE} = "arbitrarily high"). */
    int ssthresh();

    /** Packets in flight. */
    int pipe();

    /** Smoothed RTT; 0 before the first sample. */
    long srttNanos();

    /** RTT variation; 0 before the first sample. */
    long rttvarNanos();

    /** Current retransmission timeout including back-off. */
    long rtoNanos();

    /** Smallest RTT sample so far (the link's base RTT); 0 before the first sample. */
    long minRttNanos();

    /** Whether an RTT sample has been taken. */
    boolean hasRttSample();

    /**
     * Earliest time the next data packet may leave this link (pacing), whatever the window says;
     * {@link Long#MIN_VALUE} for a control that does not pace.
     */
    default long nextSendTimeNanos() {
        return Long.MIN_VALUE;
    }

    /**
     * The sender had room on this link and nothing to send: rate samples taken until the packets
     * now in flight are acked show what the application offered, not what the link carries.
     */
    default void onAppLimited() {
    }

    /** Estimated bottleneck delivery rate, packets per second; 0 for a control without a rate model. */
    default double deliveryRatePacketsPerSecond() {
        return 0;
    }

    /** The control's state for status output, e.g. "probe-bw"; empty when it has none worth showing. */
    default String stateName() {
        return "";
    }

    /** Gives back what a busy link grew (the sent-packet history) once nothing is in flight. */
    default void releaseIdle() {
    }
}
