package dev.braid.multilink.protocol;

/**
 * Snapshot of one sending link's counters and congestion state.
 *
 * @param packetsSent packets handed to the link
 * @param bytesSent   inner bytes handed to the link (header excluded)
 * @param packetsAcked packets acknowledged
 * @param packetsLost packets declared lost (three later acks)
 * @param timeouts    RTO expiries
 * @param repairsSent packets sent on this link again after another send of theirs was lost
 * @param queued      packets waiting in the link's own queue
 * @param realtimeSent  realtime packets this link was the first choice for
 * @param redundantSent copies of realtime packets whose first choice was another link
 * @param hasRttSample  false while the link has no RTT sample (srtt is then meaningless)
 */
public record LinkStats(int linkId, long packetsSent, long bytesSent, long packetsAcked,
                        long packetsLost, long timeouts, long repairsSent, int queued, int cwnd, int ssthresh,
                        int pipe, long srttNanos, long rtoNanos, boolean up, long realtimeSent,
                        long redundantSent, boolean hasRttSample) {
}
