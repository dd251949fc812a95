package dev.braid.natprobe.protocol;

/**
 * What {@link LinkLiveness} asks its caller to do after an event.
 *
 * @param probe     a probe to send on the link now, or null
 * @param changedTo the link's new visible state (UP or DOWN) when it changed, or null
 */
public record LivenessStep(Probe probe, LinkState changedTo) {
    public static final LivenessStep NOTHING = new LivenessStep(null, null);

    static LivenessStep of(Probe probe, LinkState changedTo) {
        return probe == null && changedTo == null ? NOTHING : new LivenessStep(probe, changedTo);
    }
}
