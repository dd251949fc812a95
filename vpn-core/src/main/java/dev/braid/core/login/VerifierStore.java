package dev.braid.core.login;

import java.util.Optional;

/** Where the proxy looks up users. Implementations must be safe to call from several login workers at once. */
@FunctionalInterface
public interface VerifierStore {
    Optional<UserRecord> lookup(String username);
}
