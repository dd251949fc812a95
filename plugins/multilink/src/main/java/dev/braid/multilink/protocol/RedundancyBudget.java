package dev.braid.multilink.protocol;

/**
 * Caps the bytes of redundant copies of realtime packets by what the realtime flows send
 * themselves (issue 15: at most the realtime rate by default): a token bucket that each realtime
 * packet sent fills by {@code ratio} times its bytes, and a copy may go only if the bucket holds
 * its bytes. The allowance is kept in two time slots of {@code saveNanos}: what was not spent
 * expires one to two slots after it was earned, so a quiet spell cannot save up for a long burst
 * of copies, whatever the realtime rate. Sans-I/O, not thread-safe.
 */
final class RedundancyBudget {
    private final double ratio;
    private final long saveNanos;
    private long slot = Long.MIN_VALUE;
    private double earnedThisSlot;
    private double earnedLastSlot;
    private long copiesAllowed;
    private long copiesRefused;
    private long copyBytesAllowed;

    RedundancyBudget(QueueSettings settings) {
        this(settings.redundancyRatio(), settings.redundancySaveNanos());
    }

    RedundancyBudget(double ratio, long saveNanos) {
        if (!(ratio >= 0) || Double.isInfinite(ratio)) {
            throw new IllegalArgumentException("ratio must be >= 0");
        }
        if (saveNanos <= 0) {
            throw new IllegalArgumentException("saveNanos must be > 0");
        }
        this.ratio = ratio;
        this.saveNanos = saveNanos;
    }

    /** A realtime packet (the original, not a copy) went out: its share joins the allowance. */
    void onRealtimeSent(long nowNanos, int bytes) {
        roll(nowNanos);
        earnedThisSlot += bytes * ratio;
    }

    /**
     * Whether a copy of {@code bytes} may be sent now; if so its bytes are spent (oldest allowance
     * first). Ask after {@link #onRealtimeSent} for the original.
     */
    boolean tryCopy(long nowNanos, int bytes) {
        roll(nowNanos);
        if (earnedLastSlot + earnedThisSlot < bytes) {
            copiesRefused++;
            return false;
        }
        double fromLast = Math.min(earnedLastSlot, bytes);
        earnedLastSlot -= fromLast;
        earnedThisSlot -= bytes - fromLast;
        copiesAllowed++;
        copyBytesAllowed += bytes;
        return true;
    }

    /** Bytes of copies that could go now. */
    long availableBytes(long nowNanos) {
        roll(nowNanos);
        return (long) (earnedLastSlot + earnedThisSlot);
    }

    long copiesAllowed() {
        return copiesAllowed;
    }

    long copiesRefused() {
        return copiesRefused;
    }

    long copyBytesAllowed() {
        return copyBytesAllowed;
    }

    private void roll(long nowNanos) {
        long s = Math.floorDiv(nowNanos, saveNanos);
        if (s <= slot) { // same slot (or a clock that stepped back: keep what is saved)
            return;
        }
        earnedLastSlot = s == slot + 1 ? earnedThisSlot : 0;
        earnedThisSlot = 0;
        slot = s;
    }
}
