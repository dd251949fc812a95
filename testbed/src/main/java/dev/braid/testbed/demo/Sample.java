package dev.braid.testbed.demo;

import java.util.List;

/**
 * One interval of the demo (normally one second).
 *
 * @param seconds             end of the interval, since the stream started
 * @param links               per link, in link order
 * @param aggregateMbps       unique inner packets that reached the client's resequencer, Mbit/s
 * @param inOrderMbps         unique inner packets delivered in order to the client's TUN, Mbit/s
 * @param resequencerBuffered packets waiting in the resequencer at the end of the interval
 * @param proxyDrops          packets the proxy dropped because no link's window had room
 * @param realtime            the realtime stream in the interval; null without {@code --realtime}
 */
record Sample(double seconds, List<LinkSample> links, double aggregateMbps, double inOrderMbps,
              int resequencerBuffered, long proxyDrops, RealtimeSample realtime) {

    /**
     * The realtime stream in one interval.
     *
     * @param delay     one-way delays of its packets that arrived in the interval
     * @param judged    its packets sent a loss horizon before the interval, now judged
     * @param lost      of those, the ones that never arrived
     * @param link      the link the proxy put it on last ({@code flow N:} of its status), or "-"
     * @param flowClass its class at the proxy ({@code realtime}, {@code bulk}), or "-"
     * @param copies    redundant copies the proxy sent of it in the interval
     */
    record RealtimeSample(LatencyStats delay, int judged, int lost, String link, String flowClass, long copies) {}

    /**
     * One link in one interval.
     *
     * @param wireMbps    what the emulated link carried downstream (datagrams with all headers)
     * @param cwnd        the proxy's CCID2 window (packets) at the end of the interval
     * @param srttMillis  the proxy's smoothed RTT of the link
     * @param lossPercent packets the proxy declared lost, of those it sent on the link
     * @param sharePercent the link's part of all packets the proxy sent
     * @param queueDrops  datagrams the emulated link's queue dropped downstream
     */
    record LinkSample(double wireMbps, int cwnd, double srttMillis, double lossPercent, double sharePercent,
                      long queueDrops) {}
}
