package dev.braid.benchmarks.forwarding;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.braid.core.crypto.CipherSuite;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Keeps the forwarding benchmark working: a one-second run per data path writes real numbers. */
class ForwardingBenchTest {
    @TempDir
    Path dir;

    @Test
    void shortRunDeliversPacketsOnBothDataPathsAndWritesTheTable() throws Exception {
        Path out = dir.resolve("forwarding.md");
        ForwardingOptions options = ForwardingOptions.parse("--out", out.toString(), "--seconds", "1",
                "--warmup", "0.2", "--suite", "chacha20-poly1305", "--data-path", "single,multilink",
                "--size", "1400", "--in-flight", "32");

        List<ForwardingResult> results = ForwardingBench.run(options);

        assertEquals(2, results.size());
        for (ForwardingResult r : results) {
            assertEquals(CipherSuite.CHACHA20_POLY1305, r.suite());
            assertTrue(r.delivered() > 0, r.dataPath() + " delivered nothing");
            assertTrue(r.processCpuNanos() > 0, "no CPU time measured");
        }
        String table = Files.readString(out);
        assertTrue(table.contains("| single | chacha20-poly1305 | 1400 |"), table);
        assertTrue(table.contains("| multilink | chacha20-poly1305 | 1400 |"), table);
    }

    @Test
    void unknownOptionsAndDataPathsAreRejectedWithTheUsage() {
        IllegalArgumentException unknownFlag = org.junit.jupiter.api.Assertions.assertThrows(
                IllegalArgumentException.class, () -> ForwardingOptions.parse("--out", "x", "--fast", "1"));
        assertTrue(unknownFlag.getMessage().contains("usage:"), unknownFlag.getMessage());
        IllegalArgumentException badPath = org.junit.jupiter.api.Assertions.assertThrows(
                IllegalArgumentException.class, () -> ForwardingOptions.parse("--out", "x", "--data-path", "triple"));
        assertTrue(badPath.getMessage().contains("single, multilink"), badPath.getMessage());
    }
}
