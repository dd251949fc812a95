package dev.braid.core.cli;

import dev.braid.core.files.FileProblems;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Optional;
import java.util.Set;

/**
 * {@code config check} on a secret file the config names (users file, password file): missing or
 * unreadable is an error (the service would not start); readable by others a warning. The group may
 * read it: the package's files are 0640 root:braid so that the service user can.
 */
final class SecretFileCheck {

    /** A problem with one file; {@code message} starts with the config key. */
    record Finding(boolean error, String message) {}

    private SecretFileCheck() {}

    static Optional<Finding> check(String key, Path file) {
        Optional<String> missingDirectory = FileProblems.missingDirectory(file);
        if (missingDirectory.isPresent()) {
            return error(key, file + ": " + missingDirectory.get());
        }
        if (!Files.exists(file)) {
            return error(key, file + " does not exist");
        }
        if (!Files.isRegularFile(file) || !Files.isReadable(file)) {
            return error(key, file + " is not a file this user can read");
        }
        try {
            Set<PosixFilePermission> permissions = Files.getPosixFilePermissions(file);
            if (permissions.contains(PosixFilePermission.OTHERS_READ)) {
                return Optional.of(new Finding(false, key + ": " + file + " is readable by others ("
                        + PosixFilePermissions.toString(permissions) + "); make it private: chmod o-rwx " + file));
            }
        } catch (UnsupportedOperationException | IOException e) {
            return Optional.empty(); // no POSIX modes to judge (e.g. a FAT mount)
        }
        return Optional.empty();
    }

    private static Optional<Finding> error(String key, String problem) {
        return Optional.of(new Finding(true, key + ": " + problem));
    }
}
