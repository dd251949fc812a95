package dev.braid.core.login;

import dev.braid.core.crypto.Argon2Params;
import java.time.Duration;

/**
 * Limits of the proxy's login handling.
 *
 * @param handshakeLifetime     how long a handshake (and its cached answers) lives after HELLO
 * @param maxPendingHandshakes  cap on handshakes in memory; beyond it HELLOs get RATE_LIMITED
 * @param sourceFailureBurst    failed logins allowed per source address before RATE_LIMITED
 * @param sourceRefill          time to regain one allowed failure per source
 * @param userFailureBurst      failed logins allowed per user name before RATE_LIMITED
 * @param userRefill            time to regain one allowed failure per user name
 * @param fakeUserArgon2        Argon2 parameters announced for unknown users (use the default of real users)
 */
public record ServerLoginConfig(Duration handshakeLifetime, int maxPendingHandshakes, int sourceFailureBurst,
                                Duration sourceRefill, int userFailureBurst, Duration userRefill,
                                Argon2Params fakeUserArgon2) {

    public static ServerLoginConfig defaults() {
        return new ServerLoginConfig(Duration.ofSeconds(10), 1024, 10, Duration.ofSeconds(6), 5,
                Duration.ofSeconds(12), Argon2Params.DEFAULT);
    }
}
