package dev.braid.multilink.protocol;

/**
 * Snapshot of one sending link's counters and congestion state.
 *
 * @param packetsSent packets handed to the link
 * @param bytesSent   inner bytes handed to the link (header excluded)
 * @param packetsAcked packets acknowledged
 * @param packetsLost packets declared lost (three later acks)
 * @param timeouts    RTO expiries
 * @param queued      packets waiting in the link's own queue
 */
public record LinkStats(int linkId, long packetsSent, long bytesSent, long packetsAcked,
                        long packetsLost, long timeouts, int queued, int cwnd, int ssthresh,
                        int pipe, long srttNanos, long rtoNanos, boolean up) {
}
