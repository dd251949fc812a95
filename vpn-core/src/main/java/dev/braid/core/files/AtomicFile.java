package dev.braid.core.files;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;

/**
 * A state file of one entry a line: read, or replaced whole (written to a temporary file beside
 * it, then renamed, so a crash leaves the old file or the new one, never half of one). Blocking
 * I/O: never on an event loop.
 */
public final class AtomicFile {
    private AtomicFile() {}

    /**
     * The file's lines, stripped, without blank lines and {@code #} comments; none when the file
     * does not exist yet. @throws IOException when its directory is missing, or it cannot be read
     */
    public static List<String> readEntries(Path path) throws IOException {
        List<String> lines;
        try {
            lines = Files.readAllLines(path, StandardCharsets.UTF_8);
        } catch (NoSuchFileException e) {
            if (FileProblems.missingDirectory(path).isPresent()) {
                throw new IOException(FileProblems.missingDirectory(path).get(), e);
            }
            return List.of();
        }
        List<String> entries = new ArrayList<>();
        for (String line : lines) {
            String trimmed = line.strip();
            if (!trimmed.isEmpty() && !trimmed.startsWith("#")) {
                entries.add(trimmed);
            }
        }
        return entries;
    }

    /** @throws IOException with {@link FileProblems#reason} as its message */
    public static void replace(Path path, String text) throws IOException {
        Path temporary = path.resolveSibling("." + path.getFileName() + ".tmp");
        try {
            Files.writeString(temporary, text, StandardCharsets.UTF_8);
            try {
                Files.move(temporary, path, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(temporary, path, StandardCopyOption.REPLACE_EXISTING);
            }
        } catch (IOException e) {
            try {
                Files.deleteIfExists(temporary);
            } catch (IOException ignored) {
                // the reason below is what the operator needs
            }
            throw new IOException(FileProblems.reason(path, e), e);
        }
    }
}
