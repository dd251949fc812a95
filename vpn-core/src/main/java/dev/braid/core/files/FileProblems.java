package dev.braid.core.files;

import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Optional;

/**
 * Why a file an operator provides (users file, password file, control socket) cannot be read or
 * written, said so that the fix is clear. Java's own messages name the wrong path: writing into a
 * missing directory reports the temporary file, {@code /etc/braid/.users.3898…tmp}.
 */
public final class FileProblems {
    private FileProblems() {}

    /** Empty when the directory {@code file} lives in exists; else which directory to create. */
    public static Optional<String> missingDirectory(Path file) {
        Path directory = file.toAbsolutePath().getParent();
        if (directory == null || Files.isDirectory(directory)) {
            return Optional.empty();
        }
        return Optional.of("the directory " + directory + " does not exist (create it with mode 0750: install -d -m 0750 "
                + directory + ")");
    }

    /** The end of a sentence such as "cannot write users file F: ...", for {@code e} raised on {@code file}. */
    public static String reason(Path file, IOException e) {
        return missingDirectory(file).orElseGet(() -> {
            if (e instanceof NoSuchFileException) {
                return "it does not exist";
            }
            if (e instanceof AccessDeniedException) {
                return "permission denied (run as the user that owns it, or as root)";
            }
            return e.getMessage();
        });
    }
}
