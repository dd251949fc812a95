package dev.braid.multilink.protocol;

/**
 * One flow of {@link FlowTable#top} for status.
 *
 * @param slot              the flow's slot in the table
 * @param tuple             e.g. {@code udp 10.0.0.2:5004 > 10.0.0.1:5004}; {@code overflow} for the shared slot
 * @param flowClass         its latency class now
 * @param rateBitsPerSecond its recent rate, decayed to the time asked for
 * @param packets           packets since the flow was created
 * @param bytes             bytes since the flow was created
 * @param meanPacketBytes   its recent mean packet size
 * @param idleNanos         time since its last packet
 * @param link              the link it was last put on ({@link FlowTable#setLink}), -1 for none
 * @param duplicatesSent    extra copies sent for it ({@link FlowTable#addDuplicateSent})
 */
public record FlowSummary(int slot, String tuple, FlowClass flowClass, long rateBitsPerSecond, long packets,
                          long bytes, int meanPacketBytes, long idleNanos, int link, long duplicatesSent) {
}
