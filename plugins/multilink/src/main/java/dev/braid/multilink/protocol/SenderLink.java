package dev.braid.multilink.protocol;

import java.util.ArrayDeque;

/** Sender-side state of one link: congestion control, link seq counter, own queue, counters. */
final class SenderLink<P> implements LinkView {
    /** A packet waiting in a link queue; its global seq and flow tag were fixed when it was queued. */
    record Queued<P>(long globalSeq, int flowTag, P packet, int bytes) {
    }

    final int id;
    final int weight;
    final CongestionControl cc;
    final ArrayDeque<Queued<P>> queue = new ArrayDeque<>();
    /** Copies kept for repair; null when repair is off. */
    final InFlightCopies<P> copies;
    boolean up = true;
    /** The link's max-rate; {@link RateCap#NONE} without one. */
    RateCap cap = RateCap.NONE;
    /** The sender's time at its latest call: a paced link has room only once its send time has come. */
    long nowNanos;
    long nextLinkSeq;
    long packetsSent;
    long bytesSent;
    long packetsAcked;
    long packetsLost;
    long timeouts;
    long repairsSent;
    long realtimeSent;
    long redundantSent;
    /** When the link's latest ack and latest reported loss came; MIN_VALUE before the first. */
    long lastAckNanos = Long.MIN_VALUE;
    /** The first send after the latest ack; MIN_VALUE while nothing was sent since that ack. */
    long sentSinceAckNanos = Long.MIN_VALUE;
    long lastLossNanos = Long.MIN_VALUE;

    SenderLink(int id, int weight, CongestionControl cc, InFlightCopies<P> copies) {
        this.id = id;
        this.weight = weight;
        this.cc = cc;
        this.copies = copies;
    }

    /** Where the congestion control reports single packets to. */
    PacketFates fates() {
        return copies == null ? PacketFates.IGNORE : copies;
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

    /** Up, window open, and (for a paced control or a capped link) its next send time has come. */
    @Override
    public boolean hasRoom() {
        return up && cc.canSend() && nextSendTimeNanos() <= nowNanos;
    }

    /** The later of the congestion control's pacing time and the rate cap's. */
    long nextSendTimeNanos() {
        return Math.max(cc.nextSendTimeNanos(), cap.nextSendTimeNanos());
    }

    @Override
    public int queued() {
        return queue.size();
    }

    LinkStats stats() {
        return new LinkStats(id, packetsSent, bytesSent, packetsAcked, packetsLost, timeouts,
                repairsSent, queue.size(), cc.cwnd(), cc.ssthresh(), cc.pipe(), cc.srttNanos(), cc.rtoNanos(), up,
                realtimeSent, redundantSent, cc.hasRttSample());
    }
}
