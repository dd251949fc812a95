package dev.braid.core.reload;

import dev.braid.core.crypto.Argon2Params;
import dev.braid.core.login.UserRecord;
import dev.braid.core.login.UsersFile;
import dev.braid.core.login.VerifierStore;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * The users the proxy's logins look up, swapped as a whole when the users file is read again: a
 * login sees either the old file or the new one, never half of each.
 */
public final class LiveUsers implements VerifierStore {
    private volatile UsersFile current;

    public LiveUsers(UsersFile initial) {
        this.current = Objects.requireNonNull(initial, "initial");
    }

    @Override
    public Optional<UserRecord> lookup(String username) {
        return current.lookup(username);
    }

    @Override
    public List<Argon2Params> costsInUse() {
        return current.costsInUse();
    }

    /** Makes {@code next} the users from now on. @return how they differ from the ones before */
    public synchronized UsersChange replace(UsersFile next) {
        UsersChange change = UsersChange.between(current.list(), next.list());
        current = next;
        return change;
    }
}
