package dev.braid.core.proxy;

import dev.braid.core.files.AtomicFile;
import dev.braid.core.wire.Ipv4;
import java.io.IOException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The proxy's {@code address-leases} file: the address each user had last, one {@code USER
 * ADDRESS} line each, oldest first, so a restarted proxy gives every user its address again (the
 * IPv6 one follows from the IPv4 host number). Replaced whole ({@link AtomicFile}). Blocking I/O:
 * never on the event loop.
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
        Map<String, Integer> leases = new LinkedHashMap<>();
        int bad = 0;
        for (String trimmed : AtomicFile.readEntries(path)) {
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

    /** The file's text for {@code leases} (in their order). */
    static String text(Map<String, Integer> leases) {
        StringBuilder text = new StringBuilder(HEADER).append('\n');
        leases.forEach((user, address) -> text.append(user).append(' ').append(Ipv4.format(address)).append('\n'));
        return text.toString();
    }

    /** Replaces the file with {@code leases}. */
    void write(Map<String, Integer> leases) throws IOException {
        AtomicFile.replace(path, text(leases));
    }
}
