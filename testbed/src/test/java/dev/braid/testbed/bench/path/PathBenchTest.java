package dev.braid.testbed.bench.path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.braid.core.testing.Prerequisites;
import dev.braid.testbed.bench.netns.TcpBench;
import dev.braid.testbed.bench.netns.TcpVariant;
import dev.braid.testbed.netns.Netns;
import dev.braid.testbed.netns.ProxyTopology;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * The harder testbed end to end (root only): plain IP sees each direction's propagation delay,
 * and {@code bench tcp --profiles} runs two profiles with every kind of row. Bounds are generous:
 * they catch a collapse or a missing aggregation, not a few percent.
 */
class PathBenchTest {

    @BeforeEach
    void needsRootAndTools() {
        Prerequisites.ofThisRun().root("builds network namespaces, tc shaping and TUN devices")
                .tools("ip", "tc", "iperf3", "ss", "ping");
    }

    @Test
    @Timeout(120)
    void plainIpTakesTheBottleneckAndTheDelayOfBothDirections() throws Exception {
        PathProfile profile = new PathProfile("one", List.of(PathLink.of(10, 25, 0, 0, 50)));
        try (PathNet net = PathNet.build(profile, "none", List.of(), 1)) {
            net.start(TcpVariant.DIRECT, List.of(0));
            Netns.Result ping = net.clientNs().exec(Duration.ofSeconds(20), "ping", "-c", "5", "-i", "0.2", ProxyTopology.SERVER);
            assertTrue(ping.ok(), ping.output());
            Matcher rtt = Pattern.compile("= ([0-9.]+)/([0-9.]+)/([0-9.]+)/").matcher(ping.output());
            assertTrue(rtt.find(), ping.output());
            double min = Double.parseDouble(rtt.group(1));
            double max = Double.parseDouble(rtt.group(3));
            assertTrue(min >= 50 && max < 65, "25 ms each way: " + ping.output());
            double mbit = net.iperf().tcp(net.clientNs(), 3, 1, false, "cubic").receiverBitsPerSecond() / 1e6;
            assertTrue(mbit > 6 && mbit < 10.5, "the tbf's 10 Mbit/s carries the flow: " + mbit);
        }
    }

    @Test
    @Timeout(420)
    void twoProfilesWithEveryKindOfRow(@TempDir Path out) throws Exception {
        StringWriter log = new StringWriter();
        CommandLine cli = new CommandLine(new TcpBench());
        cli.setOut(new PrintWriter(log, true));
        cli.setErr(new PrintWriter(log, true));

        int exit = cli.execute("--out", out.toString(), "--profiles", "target,one-lossy-jitter", "--runs", "1",
                "--seconds", "4", "--warmup", "1", "--with-udp",
                "--variants", "direct,single,proportional/queue+congestion-control=bbr");

        assertEquals(0, exit, log::toString);
        List<String> csv = Files.readAllLines(out.resolve("path.csv"));
        assertEquals(PathReport.CSV_HEADER, csv.get(0));
        // target: direct, single, bbr over both and over the reference; one link: direct, single, bbr.
        assertEquals(1 + (4 + 3) * 4, csv.size(), () -> String.join("\n", csv));
        String bbr = "proportional-queue-congestion-control-bbr";
        for (String direction : List.of("up", "down")) {
            double both = goodput(csv, "target", bbr, "both", "tcp", direction);
            double single = goodput(csv, "target", "single", "best", "tcp", direction);
            assertTrue(both > 1.1 * single, direction + ": two links aggregate: " + both + " vs " + single);
            for (String traffic : List.of("tcp", "udp")) {
                double tunnel = goodput(csv, "one-lossy-jitter", bbr, "one", traffic, direction);
                double direct = goodput(csv, "one-lossy-jitter", "direct", "one", traffic, direction);
                assertTrue(tunnel > 0.5 * direct, traffic + " " + direction + ": no collapse on a lossy, jittery link: "
                        + tunnel + " vs " + direct + " without VPN");
            }
        }
        String markdown = Files.readString(out.resolve("path.md"));
        assertTrue(markdown.contains("- target: a 50Mbit 10ms, b 50Mbit 50ms, queue 50/50ms"), markdown);
        assertTrue(markdown.lines().anyMatch(l -> l.startsWith("| target | idle | " + bbr + " | both | tcp | up |")
                && l.matches(".*\\| a [0-9.]+, b [0-9.]+ \\| a [0-9.]+, b [0-9.]+ \\|$")), "the queues per link: " + markdown);
    }

    private static double goodput(List<String> csv, String profile, String variant, String links, String traffic,
            String direction) {
        String prefix = String.join(",", profile, "idle", "1", variant, links, traffic, direction) + ",";
        String row = csv.stream().filter(r -> r.startsWith(prefix)).findFirst()
                .orElseThrow(() -> new AssertionError("no row " + prefix + " in\n" + String.join("\n", csv)));
        return Double.parseDouble(row.substring(prefix.length()).split(",", -1)[0]);
    }
}
