package dev.braid.core.crypto;

/** Why a received packet was dropped by {@link ReceiveProtector}. */
public enum DropReason {
    /** Authentication tag did not verify (forged, corrupted, or wrong key). */
    BAD_TAG,
    /** Authentic, but its counter was already seen or is behind the replay window. */
    REPLAY,
    /** Key epoch has no key (the previous epoch before any rotation, or a value outside 0..3). */
    UNKNOWN_EPOCH,
    /** Shorter than a tag. */
    TOO_SHORT
}
