package dev.braid.core.login;

import dev.braid.core.crypto.Argon2Params;
import java.time.Duration;

/**
 * Limits of the proxy's login handling.
 *
 * @param handshakeLifetime     how long a handshake (and its cached answers) lives after HELLO
 * @param maxPendingHandshakes  cap on open handshakes (CHALLENGE sent, PROOF not yet answered); beyond
 *                              it HELLOs get RATE_LIMITED (the proxy's admission answers BUSY well before)
 * @param perSourceAndUser      failed logins for one user from one address: the real guessing limit
 * @param perSource             failed logins from one address, whatever the user names
 * @param perUser               failed logins for one user from addresses that never logged in as
 *                              that user; the user's own earlier addresses do not count against it
 *                              (see {@link LoginFailureLimits})
 * @param fakeUserArgon2        Argon2 parameters announced for unknown users (use the default of real users)
 */
public record ServerLoginConfig(Duration handshakeLifetime, int maxPendingHandshakes, RateLimit perSourceAndUser,
                                RateLimit perSource, RateLimit perUser, Argon2Params fakeUserArgon2) {

    public static ServerLoginConfig defaults() {
        return new ServerLoginConfig(Duration.ofSeconds(10), 1024, new RateLimit(5, Duration.ofSeconds(12)),
                new RateLimit(10, Duration.ofSeconds(6)), new RateLimit(20, Duration.ofSeconds(3)),
                Argon2Params.DEFAULT);
    }

    /** The same limits with other Argon2 parameters for unknown users. */
    public ServerLoginConfig withFakeUserArgon2(Argon2Params argon2) {
        return new ServerLoginConfig(handshakeLifetime, maxPendingHandshakes, perSourceAndUser, perSource, perUser,
                argon2);
    }

    /** The same limits with another cap on pending handshakes. */
    public ServerLoginConfig withMaxPendingHandshakes(int max) {
        return new ServerLoginConfig(handshakeLifetime, max, perSourceAndUser, perSource, perUser, fakeUserArgon2);
    }
}
