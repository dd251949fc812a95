package dev.braid.core.client;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.braid.core.files.AtomicFile;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DataUsageFileTest {
    @TempDir
    Path dir;

    @Test
    void countsGoThereAndBack() throws IOException {
        DataUsageFile file = new DataUsageFile(dir.resolve("data-usage"));
        assertEquals(Map.of(), file.read().usage(), "no file yet: no counts");
        Map<String, DataCapLedger.Usage> usage = new LinkedHashMap<>();
        usage.put("lte", new DataCapLedger.Usage(LocalDate.of(2026, 12, 1), 123_456_789));
        usage.put("sat", new DataCapLedger.Usage(LocalDate.of(2026, 12, 6), 0));
        AtomicFile.replace(file.path(), DataUsageFile.text(usage));
        assertEquals(usage, file.read().usage());
    }

    @Test
    void badLinesAreSkippedAndCounted() throws IOException {
        Path path = dir.resolve("data-usage");
        Files.writeString(path, String.join("\n", "# comment", "lte 2026-12-01 5000", "sat yesterday 1", "x 2026-12-01 -5",
                "y 2026-12-01", "", "wired 2026-12-01 7"));
        DataUsageFile.Contents contents = new DataUsageFile(path).read();
        assertEquals(3, contents.badLines());
        assertEquals(2, contents.usage().size());
        assertEquals(5000, contents.usage().get("lte").bytes());
    }

    @Test
    void aMissingDirectoryIsNamed() {
        IOException e = assertThrows(IOException.class, () -> new DataUsageFile(dir.resolve("nowhere/data-usage")).read());
        assertTrue(e.getMessage().contains("the directory " + dir.resolve("nowhere") + " does not exist"), e.getMessage());
    }
}
