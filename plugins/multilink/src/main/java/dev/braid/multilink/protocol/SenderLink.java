package dev.braid.multilink.protocol;

import java.util.ArrayDeque;

/** Sender-side state of one link: congestion control, link seq counter, own queue, counters. */
final class SenderLink<P> implements LinkView {
    /** A packet waiting in a link queue; its global seq was fixed when it was queued. */
    record Queued<P>(long globalSeq, P packet, int bytes) {
    }

    final int id;
    final int weight;
    final CongestionControl cc;
    final ArrayDeque<Queued<P>> queue = new ArrayDeque<>();
    boolean up = true;
    long nextLinkSeq;
    long packetsSent;
    long bytesSent;
    long packetsAcked;
    long packetsLost;
    long timeouts;

    SenderLink(int id, int weight, CongestionControl cc) {
        this.id = id;
        this.weight = weight;
        this.cc = cc;
    }

    @Override
    public int id() {
        return id;
    }

    @Override
    public int cwnd() {
        return cc.cwnd();
    }

    @Override
    public int pipe() {
        return cc.pipe();
    }

    @Override
    public long srttNanos() {
        return cc.hasRttSample() ? cc.srttNanos() : cc.rtoNanos();
    }

    @Override
    public long owdNanos() {
        return srttNanos() / 2;
    }

    @Override
    public int weight() {
        return weight;
    }

    @Override
    public boolean up() {
        return up;
    }

    @Override
    public int queued() {
        return queue.size();
    }

    LinkStats stats() {
        return new LinkStats(id, packetsSent, bytesSent, packetsAcked, packetsLost, timeouts,
                queue.size(), cc.cwnd(), cc.ssthresh(), cc.pipe(), cc.srttNanos(), cc.rtoNanos(), up);
    }
}
