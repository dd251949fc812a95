package dev.braid.core.session;

import dev.braid.core.path.PathValidator;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.Objects;
import java.util.random.RandomGenerator;

/**
 * How a session treats its links' paths: how it validates new addresses and how long a link may
 * stay DOWN before it is dropped from the session.
 *
 * @param downTimeout how long a link marked DOWN stays in the session
 * @param path        path validation timing
 * @param random      source of path challenges; must be unpredictable in production
 */
public record LinkPolicy(Duration downTimeout, PathValidator.Settings path, RandomGenerator random) {
    public static final Duration DEFAULT_DOWN_TIMEOUT = Duration.ofMinutes(5);

    public LinkPolicy {
        Objects.requireNonNull(downTimeout, "downTimeout");
        Objects.requireNonNull(path, "path");
        Objects.requireNonNull(random, "random");
        if (downTimeout.isNegative() || downTimeout.isZero()) {
            throw new IllegalArgumentException("link down timeout must be positive, is " + downTimeout);
        }
    }

    public static LinkPolicy withDownTimeout(Duration downTimeout) {
        return new LinkPolicy(downTimeout, PathValidator.Settings.defaults(), new SecureRandom());
    }

    public static LinkPolicy defaults() {
        return withDownTimeout(DEFAULT_DOWN_TIMEOUT);
    }
}
