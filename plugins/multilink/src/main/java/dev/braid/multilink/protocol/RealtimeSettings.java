package dev.braid.multilink.protocol;

import java.util.Objects;

/**
 * How realtime packets are placed (see {@link RealtimePlacement}). Durations are nanoseconds.
 *
 * @param redundancy       when a realtime packet also goes out on a second link
 * @param lossMemoryNanos  a link that lost a packet this recently counts as lossy
 * @param delaySpikeNanos  a link whose smoothed RTT is this much above its minimum counts as
 *                         spiking (its queue grew or its path changed)
 * @param ackSilenceNanos  a link with packets in flight and no ack for max(this, 2 x its smoothed
 *                         RTT) counts as silent (cut, or about to be declared down)
 */
public record RealtimeSettings(Redundancy redundancy, long lossMemoryNanos, long delaySpikeNanos,
                               long ackSilenceNanos) {
    private static final long MS = 1_000_000L;

    /** When a realtime packet gets a copy on a second link. */
    public enum Redundancy {
        /** Never. */
        OFF,
        /** When the first link shows loss, a delay spike or silence. */
        ON_LOSS,
        /** Always (when a second link is up). */
        ALWAYS
    }

    public RealtimeSettings {
        Objects.requireNonNull(redundancy, "redundancy");
        if (lossMemoryNanos <= 0 || delaySpikeNanos <= 0 || ackSilenceNanos <= 0) {
            throw new IllegalArgumentException("realtime durations must be > 0");
        }
    }

    /** Copies on loss, loss remembered 2 s, spikes above 30 ms, silence after 50 ms. */
    public static RealtimeSettings defaults() {
        return new RealtimeSettings(Redundancy.ON_LOSS, 2000 * MS, 30 * MS, 50 * MS);
    }
}
