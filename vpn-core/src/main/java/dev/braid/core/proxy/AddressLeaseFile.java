package dev.braid.core.proxy;

import dev.braid.core.files.FileProblems;
import dev.braid.core.wire.Ipv4;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The proxy's {@code address-leases} file: the address each user had last, one {@code USER
 * ADDRESS} line each, oldest first, so a restarted proxy gives every user its address again (the
 * IPv6 one follows from the IPv4 host number). Written whole to a temporary file and renamed, so a
 * crash leaves the old file or the new one, never half of one. Blocking I/O: never on the event loop.
 */
final class AddressLeaseFile {
    private static final String HEADER = "# braid proxy address leases (USER ADDRESS, oldest first); rewritten by the proxy";

    /** What a read found: the leases and how many lines it could not use. */
    record Contents(Map<String, Integer> leases, int badLines) {}

    private final Path path;

    AddressLeaseFile(Path path) {
        this.path = path;
    }

    Path path() {
        return path;
    }

    /** The leases in the file, or none when it does not exist yet; unusable lines are skipped and counted. */
    Contents read() throws IOException {
        List<String> lines;
        try {
            lines = Files.readAllLines(path, StandardCharsets.UTF_8);
        } catch (NoSuchFileException e) {
            if (FileProblems.missingDirectory(path).isPresent()) {
                throw new IOException(FileProblems.missingDirectory(path).get(), e);
            }
            return new Contents(Map.of(), 0);
        }
        Map<String, Integer> leases = new LinkedHashMap<>();
        int bad = 0;
        for (String line : lines) {
            String trimmed = line.strip();
            if (trimmed.isEmpty() || trimmed.startsWith("#")) {
                continue;
            }
            String[] fields = trimmed.split("\\s+");
            try {
                if (fields.length != 2) {
                    throw new IllegalArgumentException("two fields expected");
                }
                leases.remove(fields[0]);
                leases.put(fields[0], Ipv4.parse(fields[1]));
            } catch (IllegalArgumentException e) {
                bad++;
            }
        }
        return new Contents(leases, bad);
    }

    /** Replaces the file with {@code leases} (in their order). */
    void write(Map<String, Integer> leases) throws IOException {
        StringBuilder text = new StringBuilder(HEADER).append('\n');
        leases.forEach((user, address) -> text.append(user).append(' ').append(Ipv4.format(address)).append('\n'));
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
