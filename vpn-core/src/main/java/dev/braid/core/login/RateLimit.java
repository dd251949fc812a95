package dev.braid.core.login;

import java.time.Duration;
import java.util.Objects;

/**
 * One token bucket's shape: {@code burst} events (failed logins, HELLOs) allowed at once, one
 * more allowed again every {@code refill}.
 */
public record RateLimit(int burst, Duration refill) {

    public RateLimit {
        Objects.requireNonNull(refill, "refill");
        if (burst < 1 || refill.isNegative() || refill.isZero()) {
            throw new IllegalArgumentException("rate limit needs burst >= 1 and a positive refill, got "
                    + burst + " per " + refill);
        }
    }

    public TokenBuckets newBuckets() {
        return new TokenBuckets(burst, refill.toNanos());
    }
}
