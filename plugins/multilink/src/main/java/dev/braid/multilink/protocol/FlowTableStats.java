package dev.braid.multilink.protocol;

/**
 * Counters of a {@link FlowTable} for status.
 *
 * @param capacity          flows it tracks at most
 * @param tracked           flows tracked now (the overflow slot not included)
 * @param realtime          ... of which realtime
 * @param bulk              ... of which bulk
 * @param created           flows created since the start
 * @param expired           flows forgotten after their idle time
 * @param overflowPackets   packets of untracked flows, which share the overflow slot (the table was full)
 * @param overflowBytes     their bytes
 */
public record FlowTableStats(int capacity, int tracked, int realtime, int bulk, long created, long expired,
                             long overflowPackets, long overflowBytes) {
}
