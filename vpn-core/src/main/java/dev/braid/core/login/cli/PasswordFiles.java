package dev.braid.core.login.cli;

import dev.braid.core.files.FileProblems;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/** Passwords kept in files: the first line of the file, without its line end. */
public final class PasswordFiles {
    private PasswordFiles() {}

    /**
     * @return the first line as UTF-8 bytes
     * @throws IllegalArgumentException with an operator message when unreadable or empty
     */
    public static byte[] readFirstLine(Path file) {
        String content;
        try {
            content = Files.readString(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new IllegalArgumentException("cannot read password file " + file + ": " + FileProblems.reason(file, e));
        }
        String firstLine = content.split("\r?\n", 2)[0];
        if (firstLine.isEmpty()) {
            throw new IllegalArgumentException("password file " + file + " has an empty first line");
        }
        return firstLine.getBytes(StandardCharsets.UTF_8);
    }
}
