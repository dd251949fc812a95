package dev.braid.core.client;

import dev.braid.core.files.AtomicFile;
import java.io.IOException;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The client's {@code data-usage} file: what each capped link moved in its current period, one
 * {@code LINK PERIOD-START BYTES} line each, so a restart keeps counting where it stopped.
 * Blocking I/O: never on the event loop.
 */
final class DataUsageFile {
    private static final String HEADER = "# braid client data usage (LINK PERIOD-START BYTES); rewritten by the client";

    /** What a read found: the counts and how many lines it could not use. */
    record Contents(Map<String, DataCapLedger.Usage> usage, int badLines) {}

    private final Path path;

    DataUsageFile(Path path) {
        this.path = path;
    }

    Path path() {
        return path;
    }

    /** The counts in the file, or none when it does not exist yet; unusable lines are skipped and counted. */
    Contents read() throws IOException {
        Map<String, DataCapLedger.Usage> usage = new LinkedHashMap<>();
        int bad = 0;
        for (String entry : AtomicFile.readEntries(path)) {
            String[] fields = entry.split("\\s+");
            try {
                if (fields.length != 3) {
                    throw new IllegalArgumentException("three fields expected");
                }
                long bytes = Long.parseLong(fields[2]);
                if (bytes < 0) {
                    throw new IllegalArgumentException("negative count");
                }
                usage.put(fields[0], new DataCapLedger.Usage(LocalDate.parse(fields[1]), bytes));
            } catch (IllegalArgumentException | DateTimeParseException e) {
                bad++;
            }
        }
        return new Contents(usage, bad);
    }

    static String text(Map<String, DataCapLedger.Usage> usage) {
        StringBuilder text = new StringBuilder(HEADER).append('\n');
        usage.forEach((link, u) -> text.append(link).append(' ').append(u.periodStart()).append(' ').append(u.bytes()).append('\n'));
        return text.toString();
    }
}
