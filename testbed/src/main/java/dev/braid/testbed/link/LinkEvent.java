package dev.braid.testbed.link;

/**
 * A change of an emulated link at a time relative to the model's origin (the start of the run).
 * The model applies every event whose time has come before it judges the next packet.
 */
public sealed interface LinkEvent {

    /** Nanoseconds after the model's origin. */
    long atNanos();

    /** The link stops carrying packets: every offered packet is dropped as {@link DropReason#LINK_DOWN}. */
    record Down(long atNanos) implements LinkEvent {}

    /** The link carries packets again. */
    record Up(long atNanos) implements LinkEvent {}

    /** A new serialization rate in bit/s (0 = unlimited). */
    record RateChange(long atNanos, long rateBitsPerSecond) implements LinkEvent {
        public RateChange {
            if (rateBitsPerSecond < 0) {
                throw new IllegalArgumentException("rate must be >= 0");
            }
        }
    }

    /** A new one-way propagation delay. */
    record DelayChange(long atNanos, long delayNanos) implements LinkEvent {
        public DelayChange {
            if (delayNanos < 0) {
                throw new IllegalArgumentException("delay must be >= 0");
            }
        }
    }
}
