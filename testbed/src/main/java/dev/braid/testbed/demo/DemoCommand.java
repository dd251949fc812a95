package dev.braid.testbed.demo;

import dev.braid.core.time.SystemClock;
import dev.braid.multilink.protocol.Schedulers;
import dev.braid.testbed.link.LinkSpecParser;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** {@code braid demo}: aggregation over emulated heterogeneous links on loopback, no root, no config. */
@Command(name = "demo", mixinStandardHelpOptions = true,
        description = {
            "Shows link aggregation live: emulated links on loopback, no root, no configuration.",
            "",
            "Starts a proxy and a client in this process with one emulated link per --link between them, streams "
                    + "constant-bitrate UDP from the proxy side to the client through the real Braid data path "
                    + "(multilink scheduler, CCID2 per link, resequencer, encryption; in-memory TUNs) and shows each "
                    + "second per link rate, cwnd, RTT, loss and share of packets, the aggregate and in-order goodput "
                    + "and the resequencer buffer, against the best single link.",
            "At the end it prints a summary and writes it, CSV time series and PNG plots to the output folder. "
                    + "Ctrl-C ends the run early, still with the summary and plots.",
            ""})
public final class DemoCommand implements Callable<Integer> {
    static final List<String> DEFAULT_LINKS = List.of("8mbit/10ms", "2mbit/100ms");
    static final int PACKET_SIZE = 1400;
    private static final Logger log = LoggerFactory.getLogger(DemoCommand.class);

    @Spec
    CommandSpec spec;

    @Option(names = "--link", paramLabel = "RATE/RTT",
            description = "An emulated link, repeatable. Default: the paper's worst case, --link 8mbit/10ms "
                    + "--link 2mbit/100ms. The delay is the round-trip time as in the paper: each direction gets "
                    + "half of it (10ms = 5 ms each way). Both directions get the rate and a drop-tail queue of one "
                    + "RTT (at least 50 ms); emulator options may follow, e.g. 8mbit/10ms,loss=1%%,jitter=2ms,queue=20ms "
                    + "(see braid linkem --help).")
    List<String> links;

    @Option(names = "--duration", paramLabel = "DURATION", defaultValue = "20s",
            description = "How long the stream runs, e.g. 20s, 1.5s or 20 (seconds). Default: ${DEFAULT-VALUE}.")
    String duration;

    @Option(names = "--scheduler", defaultValue = "most-free-window",
            description = "Multilink scheduler: ${COMPLETION-CANDIDATES}. Default: ${DEFAULT-VALUE}.",
            completionCandidates = SchedulerNames.class)
    String scheduler;

    @Option(names = "--rate", paramLabel = "RATE",
            description = "Offered CBR rate of inner packets, e.g. 12mbit. Default: the sum of the link rates, as in "
                    + "the paper (10 Mbit/s over 8 + 2). With Braid's headers on every packet that is already more "
                    + "than the links can carry, so the scheduler has to fill every link; more only adds drops at "
                    + "the proxy.")
    String rate;

    @Option(names = "--out", paramLabel = "DIR",
            description = "Output folder. Default: demo-out/<date-time>.")
    Path out;

    @Option(names = "--realtime", description = "Beside the bulk stream, a VoIP-like one (160-byte UDP payloads "
            + "every 20 ms, stamped with their send time, same direction): shows each second its one-way delay "
            + "p50/p99/max, loss and link against the fast link's own one-way delay, and at the end issue 15's "
            + "targets (p50 <= fast link + 15 ms, p99 <= + 30 ms). The default links are that issue's world "
            + "(5 and 50 ms one way).")
    boolean realtime;

    @Option(names = "--no-live", description = "One plain line per second instead of redrawing the view "
            + "(automatic when the output is not a terminal).")
    boolean noLive;

    /** For picocli's completion candidates and the help text. */
    static final class SchedulerNames extends ArrayList<String> {
        SchedulerNames() {
            super(Schedulers.names());
        }
    }

    @Override
    public Integer call() throws Exception {
        DemoSettings settings = settings();
        PrintWriter console = spec.commandLine().getOut();
        console.printf("braid demo: %d links (%s), %.2f Mbit/s for %.0f s, scheduler %s%s; output in %s%n",
                settings.links().size(), String.join(" + ", settings.links().stream().map(DemoLink::describe).toList()),
                settings.rateBitsPerSecond() / 1e6, settings.durationNanos() / 1e9, settings.scheduler(),
                settings.realtime() ? ", with a realtime stream" : "", settings.out().toAbsolutePath());
        console.flush();
        DemoRun run = new DemoRun(settings, SystemClock.INSTANCE, console);
        CountDownLatch finished = new CountDownLatch(1);
        Thread hook = new Thread(() -> {
            run.requestStop();
            try {
                finished.await(30, TimeUnit.SECONDS); // the JVM waits here while the run writes its files
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }, "demo-shutdown");
        Runtime.getRuntime().addShutdownHook(hook);
        try (Quiet quiet = Quiet.logs()) {
            DemoResult result = run.run();
            String summary = DemoSummary.render(result);
            console.println();
            console.print(summary);
            console.flush();
            try {
                DemoFiles.write(result, summary, settings.out());
                console.println("wrote " + String.join(", ", DemoFiles.names(result)) + " to "
                        + settings.out().toAbsolutePath());
            } catch (Exception | Error e) {
                log.debug("could not write all files to {}", settings.out().toAbsolutePath(), e);
                console.println("could not write all files to " + settings.out().toAbsolutePath() + ": " + e);
                console.flush();
                return 1;
            }
            console.flush();
            return 0;
        } finally {
            finished.countDown();
            try {
                Runtime.getRuntime().removeShutdownHook(hook);
            } catch (IllegalStateException e) {
                // already shutting down (Ctrl-C): the hook is running and now ends
            }
        }
    }

    /** Validates all options together. */
    DemoSettings settings() {
        List<String> errors = new ArrayList<>();
        List<DemoLink> parsed = new ArrayList<>();
        for (String link : links == null || links.isEmpty() ? DEFAULT_LINKS : links) {
            try {
                parsed.add(DemoLink.parse(link));
            } catch (IllegalArgumentException e) {
                errors.add("--link: " + e.getMessage());
            }
        }
        long durationNanos = 0;
        try {
            durationNanos = parseDuration(duration);
            if (durationNanos < 1_000_000_000L) {
                errors.add("--duration: at least 1s, got " + duration);
            }
        } catch (IllegalArgumentException e) {
            errors.add("--duration: " + e.getMessage());
        }
        if (!Schedulers.names().contains(scheduler)) {
            errors.add("--scheduler: unknown '" + scheduler + "' (known: " + String.join(", ", Schedulers.names()) + ")");
        }
        long rateBps = 0;
        if (rate != null) {
            try {
                rateBps = LinkSpecParser.parseRate(rate);
                if (rateBps <= 0) {
                    errors.add("--rate: must be above 0, got " + rate);
                }
            } catch (IllegalArgumentException e) {
                errors.add("--rate: " + e.getMessage());
            }
        }
        if (!errors.isEmpty()) {
            throw new ParameterException(spec.commandLine(), "invalid options:\n  " + String.join("\n  ", errors));
        }
        long offered = rate != null ? rateBps : parsed.stream().mapToLong(DemoLink::rateBitsPerSecond).sum();
        Path folder = out != null ? out
                : Path.of("demo-out", LocalDateTime.now().format(DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss")));
        boolean live = !noLive && System.console() != null;
        return new DemoSettings(parsed, durationNanos, scheduler, offered, PACKET_SIZE, folder, live, realtime);
    }

    /** A duration like 20s or 1500ms; a bare number is seconds. */
    static long parseDuration(String text) {
        String t = text.strip();
        if (t.matches("[0-9]+(\\.[0-9]+)?")) {
            return Math.round(Double.parseDouble(t) * 1e9);
        }
        return LinkSpecParser.parseDuration(t);
    }
}
