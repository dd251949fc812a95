package dev.braid.core.proxy;

import dev.braid.core.login.UsersFile;
import dev.braid.core.login.UsersFileException;
import dev.braid.core.reload.LiveUsers;
import dev.braid.core.reload.UsersChange;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.Optional;

/**
 * The users part of a proxy reload: read the users file again (a broken or missing file changes
 * nothing), then swap it in and end the sessions of users it no longer lists. A changed password
 * needs no action: the next login looks the new verifier up.
 */
public final class UsersReload {
    private final Path file;
    private final LiveUsers users;
    private final ProxyServer server;

    public UsersReload(Path file, LiveUsers users, ProxyServer server) {
        this.file = file;
        this.users = users;
        this.server = server;
    }

    public Path file() {
        return file;
    }

    /** @throws UsersFileException naming the file and what is wrong with it */
    public UsersFile read() throws UsersFileException {
        return UsersFile.load(file);
    }

    /** Swaps {@code next} in. @return what changed, for the reload's answer; empty when nothing did */
    public Optional<String> apply(UsersFile next) {
        UsersChange change = users.replace(next);
        if (change.isEmpty()) {
            return Optional.empty();
        }
        String text = "users: " + change;
        if (!change.removed().isEmpty()) {
            int ended = server.endSessionsOf(new HashSet<>(change.removed()), "its user is no longer in " + file);
            text += " (" + ended + (ended == 1 ? " session" : " sessions") + " ended)";
        }
        return Optional.of(text);
    }
}
