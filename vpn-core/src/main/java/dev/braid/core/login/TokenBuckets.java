package dev.braid.core.login;

import java.util.Map;

/**
 * Token buckets, one per key (a source address, a subnet, a user name), with time from the
 * caller: a key is limited while it has less than one token; each event takes one, and tokens
 * come back at one per refill interval up to the burst. The map is bounded (least recently used
 * keys are forgotten, which only forgives them). Not thread-safe.
 */
public final class TokenBuckets {

    private static final int MAX_KEYS = 16_384;

    private final double burst;
    private final long refillNanos;
    private final Map<String, Bucket> buckets = new LruMap<>(MAX_KEYS);

    private static final class Bucket {
        double tokens;
        long updatedNanos;
    }

    TokenBuckets(int burst, long refillNanos) {
        this.burst = burst;
        this.refillNanos = refillNanos;
    }

    public boolean allowed(String key, long nowNanos) {
        Bucket bucket = buckets.get(key);
        return bucket == null || refill(bucket, nowNanos) >= 1.0;
    }

    /** How long until {@code key} has a whole token again: 0 when it has one now. */
    public long nanosUntilAllowed(String key, long nowNanos) {
        Bucket bucket = buckets.get(key);
        if (bucket == null) {
            return 0;
        }
        double missing = 1.0 - refill(bucket, nowNanos);
        return missing <= 0 ? 0 : (long) Math.ceil(missing * refillNanos);
    }

    /** Takes a token if there is one. @return whether there was */
    public boolean tryTake(String key, long nowNanos) {
        if (!allowed(key, nowNanos)) {
            return false;
        }
        take(key, nowNanos);
        return true;
    }

    /** Takes a token (the balance may go below one, never below what was taken). */
    public void take(String key, long nowNanos) {
        Bucket bucket = buckets.get(key);
        if (bucket == null) {
            bucket = new Bucket();
            bucket.tokens = burst;
            bucket.updatedNanos = nowNanos;
            buckets.put(key, bucket);
        }
        refill(bucket, nowNanos);
        bucket.tokens -= 1.0;
    }

    private double refill(Bucket bucket, long nowNanos) {
        long elapsed = nowNanos - bucket.updatedNanos;
        if (elapsed > 0) {
            bucket.tokens = Math.min(burst, bucket.tokens + (double) elapsed / refillNanos);
            bucket.updatedNanos = nowNanos;
        }
        return bucket.tokens;
    }
}
