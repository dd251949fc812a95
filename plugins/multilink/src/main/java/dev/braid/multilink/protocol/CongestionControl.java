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
    AckOutcome onAck(long nowNanos, AckInfo ack);

    /** When the retransmission timer fires; {@link Long#MAX_VALUE} when nothing is in flight. */
    long nextTimeoutNanos();

    /**
     * Fires the retransmission timer if it is due at {@code nowNanos}.
     *
     * @return true if an RTO expired (window collapsed to 1, in-flight forgotten)
     */
    boolean onTimeout(long nowNanos);

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

    /** Whether an RTT sample has been taken. */
    boolean hasRttSample();
}
