package dev.braid.core.proxy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.braid.core.wire.Ipv4;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The lease file: written whole, read back in order, unusable lines skipped and counted. */
class AddressLeaseFileTest {
    @TempDir
    Path dir;

    @Test
    void leasesWrittenAreReadBackInTheirOrder() throws IOException {
        AddressLeaseFile file = new AddressLeaseFile(dir.resolve("leases"));
        Map<String, Integer> leases = new LinkedHashMap<>();
        leases.put("bob", Ipv4.parse("10.77.0.9"));
        leases.put("alice", Ipv4.parse("10.77.0.3"));
        file.write(leases);
        AddressLeaseFile.Contents read = file.read();
        assertEquals(List.of("bob", "alice"), List.copyOf(read.leases().keySet()));
        assertEquals(leases, read.leases());
        assertEquals(0, read.badLines());
        try (var files = Files.list(dir)) {
            assertEquals(List.of(dir.resolve("leases")), files.toList(), "no temporary file left");
        }
    }

    @Test
    void aMissingFileIsAFirstStart() throws IOException {
        assertTrue(new AddressLeaseFile(dir.resolve("leases")).read().leases().isEmpty());
    }

    @Test
    void aMissingDirectoryIsNamed() {
        AddressLeaseFile file = new AddressLeaseFile(dir.resolve("nowhere/leases"));
        IOException e = assertThrows(IOException.class, file::read);
        assertTrue(e.getMessage().contains("the directory " + dir.resolve("nowhere") + " does not exist"), e.getMessage());
        IOException w = assertThrows(IOException.class, () -> file.write(Map.of("alice", 1)));
        assertTrue(w.getMessage().contains("does not exist"), w.getMessage());
    }

    @Test
    void unusableLinesAreSkippedAndTheLastLineOfAUserWins() throws IOException {
        Path path = dir.resolve("leases");
        Files.writeString(path, String.join("\n", "# comment", "", "alice 10.77.0.3", "bob", "carol 10.77.0.x",
                "dave 10.77.0.4 extra", "alice 10.77.0.5", ""));
        AddressLeaseFile.Contents read = new AddressLeaseFile(path).read();
        assertEquals(Map.of("alice", Ipv4.parse("10.77.0.5")), read.leases());
        assertEquals(3, read.badLines());
    }
}
