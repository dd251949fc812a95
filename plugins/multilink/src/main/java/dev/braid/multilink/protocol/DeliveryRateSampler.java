package dev.braid.multilink.protocol;

/**
 * One delivery-rate sample per ack, as draft-cheng-iccrg-delivery-rate-estimation (Linux
 * {@code tcp_rate.c}) takes them, in packets: at send each packet remembers how many packets were
 * delivered so far, when, when the current flight began and whether the sender was app-limited
 * (columns of the link's {@link SentPacketLog}); the ack of the newest packet then gives
 * Δdelivered / max(send interval, ack interval). Unlike {@link DeliveryRateEstimator} (Westwood's
 * rate over about an RTT) every sample belongs to a packet, which is what counts rounds and tells
 * an app-limited sample from a real one.
 */
final class DeliveryRateSampler {
    /** Columns this sampler needs in the log, from its first column on. */
    static final int COLUMNS = 4;
    /** What {@link #onAcked} returns when the ack gave no valid sample. */
    static final double NO_SAMPLE = -1;

    private final SentPacketLog log;
    private final int delivered;
    private final int deliveredTime;
    private final int firstSent;
    private final int appLimited;

    private long deliveredPackets;
    private long deliveredTimeNanos;
    private long firstSentTimeNanos;
    /** Samples are app-limited until this many packets are delivered; 0 = not app-limited. */
    private long appLimitedUntil;
    private long sampleDeliveredAtSend;
    private boolean sampleAppLimited;

    /** Uses columns {@code firstColumn .. firstColumn + COLUMNS - 1} of {@code log}. */
    DeliveryRateSampler(SentPacketLog log, int firstColumn) {
        this.log = log;
        this.delivered = firstColumn;
        this.deliveredTime = firstColumn + 1;
        this.firstSent = firstColumn + 2;
        this.appLimited = firstColumn + 3;
    }

    /** {@code linkSeq} was just added to the log; the first packet of a flight restarts the clocks. */
    void onSent(long linkSeq, long nowNanos) {
        if (log.pipe() == 1) {
            firstSentTimeNanos = nowNanos;
            deliveredTimeNanos = nowNanos;
        }
        log.set(delivered, linkSeq, deliveredPackets);
        log.set(deliveredTime, linkSeq, deliveredTimeNanos);
        log.set(firstSent, linkSeq, firstSentTimeNanos);
        log.set(appLimited, linkSeq, appLimitedUntil != 0 ? 1 : 0);
    }

    /** The sender had nothing to send: samples until what is in flight is delivered are app-limited. */
    void onAppLimited() {
        appLimitedUntil = Math.max(deliveredPackets + log.pipe(), 1);
    }

    /**
     * An ack newly acked {@code newlyAcked} packets, the newest {@code newest}.
     *
     * @param minRttNanos the link's min RTT ({@link Long#MAX_VALUE} before any): a shorter
     *                    interval comes from acks bunched together and overstates the rate
     * @return the delivery rate in packets per second, or {@link #NO_SAMPLE}
     */
    double onAcked(long nowNanos, int newlyAcked, long newest, long minRttNanos) {
        deliveredPackets += newlyAcked;
        deliveredTimeNanos = nowNanos;
        sampleDeliveredAtSend = log.get(delivered, newest);
        sampleAppLimited = log.get(appLimited, newest) != 0;
        long sentAt = log.sentAt(newest);
        firstSentTimeNanos = sentAt;
        long interval = Math.max(sentAt - log.get(firstSent, newest), nowNanos - log.get(deliveredTime, newest));
        if (appLimitedUntil != 0 && deliveredPackets > appLimitedUntil) {
            appLimitedUntil = 0;
        }
        if (interval <= 0 || (minRttNanos != Long.MAX_VALUE && interval < minRttNanos)) {
            return NO_SAMPLE;
        }
        return (deliveredPackets - sampleDeliveredAtSend) * 1e9 / interval;
    }

    /** Packets delivered so far. */
    long delivered() {
        return deliveredPackets;
    }

    /** Packets delivered when the newest packet of the latest ack was sent (rounds start there). */
    long sampleDeliveredAtSend() {
        return sampleDeliveredAtSend;
    }

    /** Whether the latest ack's sample was app-limited: it may raise an estimate, never lower it. */
    boolean sampleAppLimited() {
        return sampleAppLimited;
    }
}
