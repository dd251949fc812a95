package dev.braid.testbed.demo;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.braid.core.cli.CommandProvider;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.ServiceLoader;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * {@code braid demo} end to end, as CI runs it: no root, loopback only, a short run with the
 * default links (8 + 2 Mbit/s, 10 and 100 ms RTT).
 */
class DemoCommandTest {
    private static final Pattern AGGREGATE = Pattern.compile("aggregate goodput\\s+([0-9.]+) Mbit/s");
    private static final Pattern REALTIME_COUNTS = Pattern.compile(
            "sent ([0-9]+), delivered ([0-9]+), lost ([0-9]+) \\([0-9.]+ %\\), ([0-9]+) duplicates");
    private static final Pattern REALTIME_DELAY = Pattern.compile(
            "realtime +one-way delay p50 ([0-9.]+) p99 ([0-9.]+) max ([0-9.]+) ms over the run");
    private static final Set<String> OWN_THREAD_PREFIXES = Set.of("braid-", "linkem-", "demo-");

    @TempDir
    Path dir;

    private static CommandLine cli(StringWriter out, StringWriter err) {
        CommandLine cli = new CommandLine(new DemoCommand());
        cli.setOut(new PrintWriter(out, true));
        cli.setErr(new PrintWriter(err, true));
        return cli;
    }

    @Test
    void fiveSecondsAggregateBothLinksAndWriteSummaryCsvAndPlots() throws Exception {
        Set<String> threadsBefore = ownThreads();
        Set<Path> tempBefore = demoTempDirs();
        Path out = dir.resolve("out");
        StringWriter stdout = new StringWriter();
        StringWriter stderr = new StringWriter();

        int code = cli(stdout, stderr).execute("--duration", "5", "--out", out.toString(), "--no-live");

        String printed = stdout.toString();
        assertEquals(0, code, printed + stderr);
        String summary = Files.readString(out.resolve(DemoFiles.SUMMARY));
        System.out.print(summary); // for the CI log
        assertTrue(printed.contains(summary), "the summary is printed too:\n" + printed);
        assertTrue(printed.lines().filter(l -> l.contains("| link0") && l.contains("| link1")).count() >= 4,
                "one plain line per second:\n" + printed);
        assertTrue(summary.contains("0 duplicates"), summary);

        // Aggregation as a property, not a rate (a rate is a benchmark figure; on a loaded machine
        // it is the machine's): data arrived, and the slow link carried its part in some second.
        Matcher aggregate = AGGREGATE.matcher(summary);
        assertTrue(aggregate.find(), summary);
        assertTrue(Double.parseDouble(aggregate.group(1)) > 0, summary);

        List<String> csv = Files.readAllLines(out.resolve(DemoFiles.TIMESERIES));
        assertTrue(csv.get(0).startsWith("seconds,link0_wire_mbps,link0_cwnd"), csv.get(0));
        assertTrue(csv.get(0).contains("aggregate_goodput_mbps,inorder_goodput_mbps"), csv.get(0));
        assertEquals(6, csv.size(), "header and one row per second:\n" + csv);
        int slowShare = List.of(csv.get(0).split(",")).indexOf("link1_share_pct");
        assertTrue(csv.stream().skip(1).mapToDouble(row -> Double.parseDouble(row.split(",")[slowShare])).max()
                .orElse(0) >= 5, "the 2 Mbit/s link carried at least 5 % in some second:\n" + csv);
        assertTrue(Files.readAllLines(out.resolve(DemoFiles.INORDER_BINS)).size() > 40);
        for (String plot : DemoFiles.PLOTS) {
            BufferedImage image = ImageIO.read(out.resolve(plot).toFile());
            assertNotNull(image, plot + " is not a readable PNG");
            assertTrue(image.getWidth() >= 800 && image.getHeight() >= 400, plot);
        }

        awaitNoNewThreads(threadsBefore);
        assertEquals(tempBefore, demoTempDirs(), "the temp dir (users file, control sockets) is removed");
    }

    /**
     * {@code --realtime}: the VoIP-like stream's packets arrive and are all accounted for, its delay
     * figures are there and finite. Its delays and loss are benchmark figures, not asserted here.
     */
    @Test
    void realtimeStreamIsMeasuredBesideTheBulkOne() throws Exception {
        Path out = dir.resolve("rt");
        StringWriter stdout = new StringWriter();
        StringWriter stderr = new StringWriter();

        int code = cli(stdout, stderr).execute("--realtime", "--duration", "3", "--out", out.toString(), "--no-live");

        String printed = stdout.toString();
        assertEquals(0, code, printed + stderr);
        String summary = Files.readString(out.resolve(DemoFiles.SUMMARY));
        System.out.print(summary); // for the CI log
        Matcher counts = REALTIME_COUNTS.matcher(summary);
        assertTrue(counts.find(), summary);
        long sent = Long.parseLong(counts.group(1));
        long delivered = Long.parseLong(counts.group(2));
        long lost = Long.parseLong(counts.group(3));
        assertTrue(sent > 0 && delivered > 0, summary);
        assertEquals(sent, delivered + lost, "every packet sent arrived or is counted lost:\n" + summary);
        assertEquals(0, Long.parseLong(counts.group(4)), "the tunnel delivers each packet once:\n" + summary);
        Matcher delay = REALTIME_DELAY.matcher(summary);
        assertTrue(delay.find(), summary);
        double p50 = Double.parseDouble(delay.group(1));
        double p99 = Double.parseDouble(delay.group(2));
        double max = Double.parseDouble(delay.group(3));
        assertTrue(0 <= p50 && p50 <= p99 && p99 <= max && Double.isFinite(max), summary);
        assertTrue(summary.contains("against issue 15's targets"), summary);

        List<String> lines = printed.lines().filter(l -> l.contains("| realtime on ")).toList();
        assertTrue(lines.size() >= 2, "the realtime figures in each second's line:\n" + printed);
        assertTrue(lines.stream().anyMatch(l -> l.matches(".*realtime on link[01] p50 [0-9.]+ p99 .*")),
                "its link and delays are shown:\n" + printed);

        List<String> csv = Files.readAllLines(out.resolve(DemoFiles.TIMESERIES));
        assertTrue(csv.get(0).contains(",rt_arrived,rt_p50_ms,rt_p99_ms,rt_max_ms,rt_judged,rt_lost,rt_link,rt_class"),
                csv.get(0));
        assertTrue(csv.stream().skip(1).anyMatch(row -> row.contains(",realtime,")),
                "the proxy classifies the stream realtime by itself:\n" + csv);
        assertEquals(delivered + 1, Files.readAllLines(out.resolve(DemoFiles.REALTIME_PACKETS)).size(),
                "header and one row per packet delivered");
        BufferedImage latency = ImageIO.read(out.resolve(DemoFiles.LATENCY_PLOT).toFile());
        assertNotNull(latency, "latency.png is not a readable PNG");
    }

    @Test
    void badOptionsAreReportedTogether() {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = cli(out, err).execute("--link", "fast/10ms", "--duration", "soon", "--scheduler", "best",
                "--rate", "lots");
        assertEquals(2, code);
        String message = err.toString();
        for (String expected : List.of("fast/10ms", "--duration", "unknown 'best'", "most-free-window", "--rate")) {
            assertTrue(message.contains(expected), expected + " in:\n" + message);
        }
    }

    @Test
    void helpExplainsThatTheDelayIsTheRoundTripTime() {
        StringWriter out = new StringWriter();
        cli(out, new StringWriter()).execute("--help");
        String help = out.toString().replaceAll("\\s+", " ");
        assertTrue(help.contains("each direction gets half of it"), help);
    }

    @Test
    void theTestbedCommandsAreFoundByTheCoreCli() {
        Set<String> names = ServiceLoader.load(CommandProvider.class).stream()
                .flatMap(p -> p.get().commands().stream())
                .map(c -> c.getClass().getAnnotation(Command.class).name())
                .collect(Collectors.toSet());
        assertTrue(names.containsAll(Set.of("demo", "linkem")), names.toString());
    }

    private static Set<String> ownThreads() {
        return Thread.getAllStackTraces().keySet().stream()
                .filter(Thread::isAlive)
                .map(Thread::getName)
                .filter(n -> OWN_THREAD_PREFIXES.stream().anyMatch(n::startsWith))
                .collect(Collectors.toSet());
    }

    /** Threads end asynchronously after close returns (event loops, readers): wait, bounded. */
    private static void awaitNoNewThreads(Set<String> before) throws InterruptedException {
        long deadline = System.currentTimeMillis() + 10_000;
        Set<String> extra;
        do {
            extra = ownThreads();
            extra.removeAll(before);
            if (extra.isEmpty()) {
                return;
            }
            Thread.sleep(50);
        } while (System.currentTimeMillis() < deadline);
        throw new AssertionError("threads left running after the demo: " + extra);
    }

    private static Set<Path> demoTempDirs() throws IOException {
        try (Stream<Path> entries = Files.list(Path.of(System.getProperty("java.io.tmpdir")))) {
            return entries.filter(p -> p.getFileName().toString().startsWith("braid-demo-")).collect(Collectors.toSet());
        }
    }
}
