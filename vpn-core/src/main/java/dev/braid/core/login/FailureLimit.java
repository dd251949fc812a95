package dev.braid.core.login;

import java.time.Duration;
import java.util.Objects;

/**
 * One token bucket's shape: {@code burst} failed logins allowed at once, one more allowed again
 * every {@code refill}.
 */
public record FailureLimit(int burst, Duration refill) {

    public FailureLimit {
        Objects.requireNonNull(refill, "refill");
        if (burst < 1 || refill.isNegative() || refill.isZero()) {
            throw new IllegalArgumentException("failure limit needs burst >= 1 and a positive refill, got "
                    + burst + " per " + refill);
        }
    }

    FailureRateLimiter newLimiter() {
        return new FailureRateLimiter(burst, refill.toNanos());
    }
}
