package dev.braid.multilink.protocol;

/**
 * RFC 8289's controlled delay for one queue, sans-I/O: asked about the packet that is about to
 * leave the head of its queue, it answers whether to drop it instead. The queue drops while the
 * answer is yes, asking again about each next head at the same {@code now}.
 * <p>
 * Once the sojourn time has stayed at or above the target for one interval, the head is dropped
 * and the queue enters the dropping state; there the next drop comes {@code interval / sqrt(count)}
 * after the previous one, until a head's sojourn falls below the target. Re-entering soon after
 * leaving resumes near the last drop rate (the count restart of RFC 8289's pseudocode, Linux's).
 * {@code 1/sqrt(count)} is fixed point (Q0.32): a table for small counts, beyond it one Newton step
 * per drop from the previous value, as Linux {@code codel_Newton_step}. Not thread-safe.
 */
final class CoDel {
    /** 1.0 in Q0.32 (exact, so count 1 waits exactly one interval; only the table holds it). */
    private static final long ONE_Q32 = 1L << 32;
    private static final int TABLE_COUNTS = 256;
    /** 1/sqrt(count) in Q0.32 for count in 1..TABLE_COUNTS-1; index 0 unused. */
    private static final long[] INV_SQRT_Q32 = new long[TABLE_COUNTS];
    /** Re-entering within this many intervals of the last scheduled drop restarts at the old rate. */
    private static final int RESTART_INTERVALS = 16;

    static {
        for (int c = 1; c < TABLE_COUNTS; c++) {
            INV_SQRT_Q32[c] = (long) Math.floor(ONE_Q32 / Math.sqrt(c));
        }
    }

    private final CoDelParameters params;
    private boolean above;
    private long firstAboveNanos;
    private long dropNextNanos;
    private int count;
    private int lastCount;
    private boolean dropping;
    private long invSqrtQ32 = ONE_Q32;
    /** The drop that entered the dropping state lets the next packet pass (RFC 8289 dequeue()). */
    private boolean keepNext;
    /** After a drop in the dropping state, the next packet, if still above target, schedules the next drop. */
    private boolean scheduleNext;

    CoDel(CoDelParameters params) {
        this.params = params;
    }

    /**
     * Decides for the head packet.
     *
     * @param sojournNanos how long it waited
     * @param bytesBehind  bytes that stay in this queue after it leaves
     * @return true: drop it, then ask about the next head
     */
    boolean shouldDrop(long nowNanos, long sojournNanos, long bytesBehind) {
        boolean okToDrop = okToDrop(nowNanos, sojournNanos, bytesBehind);
        if (keepNext) {
            keepNext = false;
            return false;
        }
        if (dropping) {
            if (!okToDrop) {
                dropping = false;
                scheduleNext = false;
                return false;
            }
            if (scheduleNext) {
                scheduleNext = false;
                dropNextNanos = controlLaw(dropNextNanos);
            }
            if (nowNanos - dropNextNanos < 0) {
                return false;
            }
            setCount(count + 1);
            scheduleNext = true;
            return true;
        }
        if (!okToDrop) {
            return false;
        }
        enterDropping(nowNanos);
        return true;
    }

    /** The queue ran empty: the next packet starts below target. */
    void onEmpty() {
        above = false;
        dropping = false;
        keepNext = false;
        scheduleNext = false;
    }

    /** Forgets everything, as new. */
    void reset() {
        onEmpty();
        dropNextNanos = 0;
        count = 0;
        lastCount = 0;
        invSqrtQ32 = ONE_Q32;
    }

    boolean dropping() {
        return dropping;
    }

    int count() {
        return count;
    }

    /** When the next drop is due while dropping (meaningful only in the dropping state). */
    long dropNextNanos() {
        return dropNextNanos;
    }

    private boolean okToDrop(long nowNanos, long sojournNanos, long bytesBehind) {
        if (sojournNanos < params.targetNanos() || bytesBehind <= params.minBacklogBytes()) {
            above = false;
            return false;
        }
        if (!above) {
            above = true;
            firstAboveNanos = nowNanos + params.intervalNanos();
            return false;
        }
        return nowNanos - firstAboveNanos >= 0;
    }

    private void enterDropping(long nowNanos) {
        dropping = true;
        keepNext = true;
        scheduleNext = false;
        int delta = count - lastCount;
        boolean recent = nowNanos - dropNextNanos < RESTART_INTERVALS * params.intervalNanos();
        setCount(delta > 1 && recent ? delta : 1);
        lastCount = count;
        dropNextNanos = controlLaw(nowNanos);
    }

    private void setCount(int newCount) {
        if (newCount == Integer.MAX_VALUE) {
            return; // 2^31 drops in one episode: the rate has long stopped changing
        }
        count = newCount;
        invSqrtQ32 = invSqrtQ32(newCount, invSqrtQ32);
    }

    /** {@code t + interval / sqrt(count)}. */
    private long controlLaw(long t) {
        return t + mulQ32(params.intervalNanos(), invSqrtQ32);
    }

    /** {@code value * fraction / 2^32} without overflow, for value >= 0 and fraction <= 2^32. */
    static long mulQ32(long value, long fractionQ32) {
        long high = Math.multiplyHigh(value, fractionQ32);
        long low = value * fractionQ32;
        return (high << 32) | (low >>> 32);
    }

    /**
     * 1/sqrt(count) in Q0.32: from the table for small counts, else one Newton step from
     * {@code previousQ32}, an estimate for a count not far below (x' = x (3 - count x^2) / 2).
     */
    static long invSqrtQ32(int count, long previousQ32) {
        if (count < TABLE_COUNTS) {
            return INV_SQRT_Q32[count];
        }
        long x = previousQ32;
        long x2 = (x * x) >>> 32; // unsigned: x < 2^32 beyond count 1
        long val = (3L << 32) - count * x2;
        val >>>= 2; // keeps the next product below 2^64
        return (val * x) >>> 31;
    }
}
