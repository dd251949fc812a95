package dev.braid.testbed.bench.netns;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.braid.core.testing.Prerequisites;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * {@code bench tcp --quick} end to end (root only): one small scenario (5+5 Mbit/s, 10/10 ms, 3 s
 * runs after a 1 s warm-up each way), single link and default multilink, both directions; the CSV has every row with a
 * measured goodput. No throughput is asserted (no timed performance assertions).
 */
class TcpBenchQuickTest {

    @Test
    @Timeout(90)
    void quickRunWritesCsvAndMarkdown(@TempDir Path out) throws Exception {
        Prerequisites.ofThisRun().root("builds network namespaces, tc shaping and TUN devices")
                .tools("ip", "tc", "iperf3", "ss", "ping");
        StringWriter log = new StringWriter();
        CommandLine cli = new CommandLine(new TcpBench());
        cli.setOut(new PrintWriter(log, true));
        cli.setErr(new PrintWriter(log, true));

        int exit = cli.execute("--out", out.toString(), "--quick", "--warmup", "1");

        assertEquals(0, exit, log::toString);
        List<String> csv = Files.readAllLines(out.resolve("tcp.csv"));
        assertEquals(TcpReport.CSV_HEADER, csv.get(0));
        assertEquals(5, csv.size(), () -> String.join("\n", csv));
        for (String row : csv.subList(1, csv.size())) {
            String[] cells = row.split(",", -1);
            assertEquals(12, cells.length, row);
            assertEquals("5+5Mbit 10/10ms", cells[0], row);
            assertTrue(Double.parseDouble(cells[8]) > 0, "goodput measured: " + row);
            assertTrue(!cells[10].isEmpty(), "ratio vs the single link: " + row);
        }
        assertTrue(csv.stream().anyMatch(r -> r.contains(",down,-,single,")), () -> String.join("\n", csv));
        assertTrue(csv.stream().anyMatch(r -> r.contains(",up,most-free-window,multilink-queue,")), () -> String.join("\n", csv));
        String markdown = Files.readString(out.resolve("tcp.md"));
        assertTrue(markdown.contains("| 5+5Mbit 10/10ms | up | - | single |"), markdown);
        assertTrue(markdown.contains("each tunnel first carried 1 s of unmeasured TCP each way"), markdown);
        assertFalse(log.toString().matches("(?s).*warm-up (up|down):.*"), "every warm-up flow ran: " + log);
    }

    /** The wireguard variant runs wireguard-go through the same shaping and relay. */
    @Test
    @Timeout(60)
    void wireguardRunsOverTheBestLink(@TempDir Path out) throws Exception {
        Prerequisites.ofThisRun().root("builds network namespaces, tc shaping and TUN devices")
                .tools("ip", "tc", "iperf3", "ss", "ping", "wireguard-go", "wg");
        StringWriter log = new StringWriter();
        CommandLine cli = new CommandLine(new TcpBench());
        cli.setOut(new PrintWriter(log, true));
        cli.setErr(new PrintWriter(log, true));

        int exit = cli.execute("--out", out.toString(), "--quick", "--variants", "single,wireguard", "--directions", "up");

        assertEquals(0, exit, log::toString);
        List<String> csv = Files.readAllLines(out.resolve("tcp.csv"));
        assertEquals(3, csv.size(), () -> String.join("\n", csv));
        String wireguard = csv.get(2);
        assertTrue(wireguard.contains(",up,-,wireguard,"), wireguard);
        assertTrue(Double.parseDouble(wireguard.split(",", -1)[8]) > 0, "goodput measured: " + wireguard);
    }
}
