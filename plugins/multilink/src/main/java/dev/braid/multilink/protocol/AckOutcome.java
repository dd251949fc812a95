package dev.braid.multilink.protocol;

/**
 * What one ack did to a congestion controller.
 *
 * @param newlyAcked packets acknowledged for the first time
 * @param lost       packets declared lost by this ack (3 later packets acked)
 * @param reduced    whether cwnd was reduced (at most once per RTT)
 */
public record AckOutcome(int newlyAcked, int lost, boolean reduced) {
    public static final AckOutcome NONE = new AckOutcome(0, 0, false);
}
