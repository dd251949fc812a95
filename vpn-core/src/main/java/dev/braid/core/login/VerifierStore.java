package dev.braid.core.login;

import dev.braid.core.crypto.Argon2Params;
import java.util.List;
import java.util.Optional;

/** Where the proxy looks up users. Implementations must be safe to call from several login workers at once. */
@FunctionalInterface
public interface VerifierStore {
    Optional<UserRecord> lookup(String username);

    /**
     * The users' Argon2 costs, one entry per user: unknown names get a cost drawn from this list,
     * so a user with a rare cost does not stand out from them. Empty: every fake user gets the default.
     */
    default List<Argon2Params> costsInUse() {
        return List.of();
    }
}
