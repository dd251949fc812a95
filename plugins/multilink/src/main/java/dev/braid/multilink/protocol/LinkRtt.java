package dev.braid.multilink.protocol;

/**
 * A link's RTT as a congestion control measures it: samples with the receiver's ack delay taken
 * off, smoothed per RFC 6298, and the retransmission timeout they give, clamped to the settings'
 * floor and ceiling and doubled per back-off (initially the settings' initial RTO).
 */
final class LinkRtt {
    private final MultilinkSettings settings;
    private final Rfc6298Estimator estimator = new Rfc6298Estimator();
    private long rto;
    /** The RTO the samples give, before any back-off. */
    private long sampledRto;

    LinkRtt(MultilinkSettings settings) {
        this.settings = settings;
        this.rto = settings.initialRtoNanos();
        this.sampledRto = rto;
    }

    /**
     * Takes one sample: {@code rawNanos} from send to ack minus the ack delay the receiver reports.
     *
     * @return the sample taken (the raw time when a bogus ack delay would leave nothing)
     */
    long sample(long rawNanos, long ackDelayNanos) {
        long sample = rawNanos - ackDelayNanos;
        if (sample <= 0) {
            sample = Math.max(rawNanos, 1);
        }
        estimator.sample(sample);
        rto = Math.min(Math.max(estimator.bound(settings.clockGranularityNanos()), settings.minRtoNanos()),
                settings.maxRtoNanos());
        sampledRto = rto;
        return sample;
    }

    /** The timer expired: the next RTO is twice this one, up to the ceiling. */
    void backOff() {
        rto = Math.min(rto * 2, settings.maxRtoNanos());
    }

    /** The expiry was spurious: back to the RTO the samples give. */
    void undoBackOff() {
        rto = sampledRto;
    }

    long rto() {
        return rto;
    }

    /** Smoothed RTT; 0 before the first sample. */
    long smoothed() {
        return estimator.smoothed();
    }

    /** RTT variation; 0 before the first sample. */
    long variance() {
        return estimator.variance();
    }

    boolean hasSample() {
        return estimator.hasSample();
    }
}
