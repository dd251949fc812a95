package dev.braid.multilink.protocol;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Receiving half of one session direction, sans-I/O. Flow of a data packet:
 * <ol>
 *   <li>unwrap the link seq against the link's last one; a jump means lost link packets;</li>
 *   <li>record it in the link's {@link LinkAckTracker}; unwrap the global seq against the
 *       highest one received;</li>
 *   <li>hand it to the {@link Resequencer}, which delivers in global order;</li>
 *   <li>send an ack on that link when the ack ratio is reached (delayed acks via
 *       {@link #onTimer}).</li>
 * </ol>
 * Not thread-safe: drive it from one thread.
 */
public final class MultilinkReceiver<P> {
    private static final class RxLink {
        final LinkAckTracker tracker;
        long lastLinkSeq = -1;
        long packets;
        long linkLost;

        RxLink(MultilinkSettings settings) {
            tracker = new LinkAckTracker(settings);
        }
    }

    private final MultilinkSettings settings;
    private final Resequencer<P> resequencer;
    private final Map<Integer, RxLink> links = new LinkedHashMap<>();

    public MultilinkReceiver(MultilinkSettings settings) {
        this.settings = settings;
        this.resequencer = new Resequencer<>(settings);
    }

    /** Announces a link before its first packet so that the FIFO loss rule waits for it. */
    public void addLink(long nowNanos, int linkId) {
        link(nowNanos, linkId);
    }

    /** Forgets a link (it stops blocking loss detection). */
    public void removeLink(long nowNanos, int linkId, ReceiverOutput<P> out) {
        links.remove(linkId);
        resequencer.removeLink(nowNanos, linkId, out);
    }

    /** Tells the resequencer whether a link is up (a down link does not set the aligned delay). */
    public void setLinkUp(long nowNanos, int linkId, boolean up, ReceiverOutput<P> out) {
        resequencer.setLinkUp(nowNanos, linkId, up, out);
    }

    /**
     * One data packet arrived on {@code linkId}. Ownership of {@code packet} passes to the
     * receiver; it reaches {@code out} through deliver or discard.
     *
     * @param bytes inner packet size (buffer bound)
     */
    public void onData(long nowNanos, int linkId, DataHeader header, P packet, int bytes,
                       ReceiverOutput<P> out) {
        RxLink link = link(nowNanos, linkId);
        link.packets++;
        long reference = link.lastLinkSeq >= 0 ? link.lastLinkSeq : 0;
        long linkSeq = SeqNum.unwrap(header.linkSeq(), reference);
        long lostBefore = 0;
        if (link.lastLinkSeq < 0) {
            link.lastLinkSeq = linkSeq;
        } else if (linkSeq > link.lastLinkSeq) {
            lostBefore = linkSeq - link.lastLinkSeq - 1;
            link.linkLost += lostBefore;
            link.lastLinkSeq = linkSeq;
        }
        link.tracker.onReceived(nowNanos, linkSeq, header.txTimeMicros());

        long highest = resequencer.highestReceived();
        long globalSeq = SeqNum.unwrap(header.globalSeq(),
                highest >= 0 ? highest : resequencer.nextExpected());
        resequencer.onPacket(nowNanos, linkId, globalSeq, header.txTimeMicros(), lostBefore,
                header.flowTag(), packet, bytes, out);
        if (link.tracker.ackDue(nowNanos)) {
            out.sendAck(linkId, link.tracker.buildAck(nowNanos, (int) resequencer.highestReceived()));
        }
    }

    /** Sends due delayed acks and fires the resequencer's hold timeout. */
    public void onTimer(long nowNanos, ReceiverOutput<P> out) {
        for (Map.Entry<Integer, RxLink> e : links.entrySet()) {
            LinkAckTracker t = e.getValue().tracker;
            if (t.highest() >= 0 && t.ackDue(nowNanos)) {
                out.sendAck(e.getKey(), t.buildAck(nowNanos, (int) resequencer.highestReceived()));
            }
        }
        resequencer.onTimer(nowNanos, out);
    }

    /** Earliest of the delayed-ack and hold deadlines; {@link Long#MAX_VALUE} when none. */
    public long nextDeadlineNanos() {
        long d = resequencer.nextDeadlineNanos();
        for (RxLink l : links.values()) {
            d = Math.min(d, l.tracker.nextDeadlineNanos());
        }
        return d;
    }

    /** Delivers whatever is buffered (at close). */
    public void flush(ReceiverOutput<P> out) {
        resequencer.flush(out);
    }

    /** Gives the resequencer's grown buffers back when nothing is held; true if memory was released. */
    public boolean releaseIdle() {
        return resequencer.releaseIdle();
    }

    /** Seqs the resequencer's ring covers now (it grows with the reordering it holds). */
    public int resequencerRing() {
        return resequencer.ringLength();
    }

    public ResequencerStats stats() {
        return resequencer.stats();
    }

    /** Link packets missing by link-seq gaps on a link (0 for unknown links). */
    public long linkLost(int linkId) {
        RxLink l = links.get(linkId);
        return l == null ? 0 : l.linkLost;
    }

    /** Data packets received on a link (0 for unknown links). */
    public long linkPackets(int linkId) {
        RxLink l = links.get(linkId);
        return l == null ? 0 : l.packets;
    }

    /** Relative one-way delay of a link in µs (smoothed delay minus baseline), -1 if unknown. */
    public long relativeOwdMicros(int linkId) {
        return resequencer.relativeOwdMicros(linkId);
    }

    public Resequencer<P> resequencer() {
        return resequencer;
    }

    public MultilinkSettings settings() {
        return settings;
    }

    private RxLink link(long nowNanos, int linkId) {
        RxLink l = links.get(linkId);
        if (l == null) {
            l = new RxLink(settings);
            links.put(linkId, l);
            resequencer.addLink(nowNanos, linkId);
        }
        return l;
    }
}
