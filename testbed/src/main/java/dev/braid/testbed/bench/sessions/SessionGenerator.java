package dev.braid.testbed.bench.sessions;

import dev.braid.core.client.ClientConfig;
import dev.braid.core.client.SharedClientThreads;
import dev.braid.core.config.HostPort;
import dev.braid.core.lifecycle.PluginSet;
import dev.braid.core.link.UdpTransport;
import dev.braid.core.session.SingleLinkDataPath;
import dev.braid.core.time.SystemClock;
import dev.braid.core.wire.Ipv4;
import dev.braid.multilink.MultilinkConfig;
import dev.braid.multilink.adapter.MultilinkDataPathFactory;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadFactory;
import java.util.function.Predicate;
import java.util.function.ToLongFunction;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * The generator process of {@code bench sessions}, run in its own namespace: N sessions on shared
 * threads, then commands from the bench on stdin, one a line ({@code count}, {@code traffic
 * SECONDS}, {@code mark}, {@code back SECONDS}, {@code quit}), each answered by one {@code @event
 * key=value ...} line on stdout ({@link GeneratorProtocol}). Login times go to files in the work
 * directory, one number a line (seconds since the phase began).
 */
@Command(name = "session-generator", mixinStandardHelpOptions = true,
        description = "The load generator process of `braid bench sessions` (started by it, in a namespace).")
public final class SessionGenerator implements Callable<Integer> {
    private static final long POLL_MILLIS = 20;

    @Option(names = "--proxy", required = true) String proxy;
    @Option(names = "--count", required = true) int count;
    @Option(names = "--active", defaultValue = "0") int active;
    @Option(names = "--links", defaultValue = "2") int links;
    @Option(names = "--user-prefix", defaultValue = "s") String userPrefix;
    @Option(names = "--password-file", required = true) Path passwordFile;
    @Option(names = "--keepalive", defaultValue = "10") int keepaliveSeconds;
    @Option(names = "--echo-to", required = true) String echoTo;
    @Option(names = "--rate-bit", defaultValue = "1000000") long rateBits;
    @Option(names = "--packet-bytes", defaultValue = "1000") int packetBytes;
    @Option(names = "--loops", defaultValue = "2") int loops;
    @Option(names = "--workers", defaultValue = "2") int workers;
    @Option(names = "--login-timeout", defaultValue = "300") int loginTimeoutSeconds;
    @Option(names = "--work", required = true) Path work;

    private final PrintStream out = System.out;
    private final List<GeneratorSession> sessions = new ArrayList<>();

    @Override
    public Integer call() throws Exception {
        byte[] password = Files.readString(passwordFile).strip().getBytes(StandardCharsets.UTF_8);
        UdpTransport transport = new UdpTransport(loops, "gen-loop");
        ExecutorService worker = NewestFirstWorkers.create(workers, daemon("gen-worker"));
        ExecutorService tunSetup = Executors.newSingleThreadExecutor(daemon("gen-tun"));
        ScheduledExecutorService retries = Executors.newSingleThreadScheduledExecutor(daemon("gen-retry"));
        try {
            GeneratorSession.Setup setup = new GeneratorSession.Setup(template(), links, plugins(),
                    new SharedClientThreads(transport, worker, tunSetup, PushTun.READING), password, retries);
            coldStart(setup);
            serve(new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8)));
        } finally {
            sessions.forEach(GeneratorSession::close);
            retries.shutdownNow();
            worker.shutdownNow();
            tunSetup.shutdownNow();
            transport.close();
        }
        return 0;
    }

    private ClientConfig template() {
        ClientConfig config = new ClientConfig();
        config.setProxy(HostPort.parse(proxy));
        config.setDataPath(links > 1 ? MultilinkDataPathFactory.NAME : SingleLinkDataPath.NAME);
        config.setKeepalive(Duration.ofSeconds(keepaliveSeconds));
        return config;
    }

    private static PluginSet plugins() {
        return new PluginSet(Map.of(SingleLinkDataPath.NAME, new SingleLinkDataPath.Factory(),
                MultilinkDataPathFactory.NAME, new MultilinkDataPathFactory(new MultilinkConfig())), List.of(), List.of());
    }

    /** Starts every session at once and waits until all logged in (or the timeout). */
    private void coldStart(GeneratorSession.Setup setup) throws Exception {
        long begin = SystemClock.INSTANCE.nanos();
        for (int i = 0; i < count; i++) {
            GeneratorSession session = new GeneratorSession(i, userPrefix + i, SourceAddresses.of(i), setup);
            sessions.add(session);
            session.start();
        }
        double startSeconds = (SystemClock.INSTANCE.nanos() - begin) / 1e9;
        long[] at = awaitAll(s -> s.loggedInNanos() >= 0, GeneratorSession::loggedInNanos, begin, loginTimeoutSeconds);
        writeTimes(work.resolve("cold.txt"), at, begin);
        int failed = sessions.stream().mapToInt(GeneratorSession::failedFirstLogins).sum();
        event("up", "ok", ok(at), "of", count, "seconds", seconds(at, begin), "start_seconds", startSeconds,
                "failed_logins", failed);
    }

    private void serve(BufferedReader in) throws Exception {
        String line;
        while ((line = in.readLine()) != null) {
            String[] words = line.trim().split("\\s+");
            switch (words[0]) {
                case "count" -> event("count", "up", sessions.stream().filter(GeneratorSession::isUp).count(), "of", count,
                        "drops", sessions.stream().mapToLong(GeneratorSession::drops).sum());
                case "traffic" -> traffic(Integer.parseInt(words[1]));
                case "mark" -> {
                    sessions.forEach(GeneratorSession::mark);
                    event("marked");
                }
                case "back" -> back(Long.parseLong(words[1]), Integer.parseInt(words[2]));
                case "quit" -> {
                    event("bye");
                    return;
                }
                default -> event("error", "unknown", words[0]);
            }
        }
    }

    private void traffic(int seconds) throws InterruptedException, IOException {
        List<GeneratorSession> busy = sessions.subList(0, Math.min(active, sessions.size()));
        EchoTraffic traffic = new EchoTraffic(Ipv4.parse(echoTo), rateBits, packetBytes);
        Map<String, Long> dropsBefore = clientDrops(busy);
        List<EchoTraffic.Result> results = traffic.run(busy, Duration.ofSeconds(seconds).toNanos());
        Map<String, Long> drops = DropCounts.growth(dropsBefore, clientDrops(busy));
        List<String> rows = new ArrayList<>();
        for (EchoTraffic.Result r : results) {
            rows.add(r.session() + "," + r.sent() + "," + r.received() + "," + r.skipped() + ","
                    + String.format(Locale.ROOT, "%.3f", r.seconds()));
        }
        Files.write(work.resolve("active.txt"), rows);
        event("traffic", "sessions", results.size(), "sent", results.stream().mapToLong(EchoTraffic.Result::sent).sum(),
                "received", results.stream().mapToLong(EchoTraffic.Result::received).sum(),
                "client_drops", DropCounts.format(drops));
    }

    private static Map<String, Long> clientDrops(List<GeneratorSession> sessions) {
        Map<String, Long> sum = new LinkedHashMap<>();
        sessions.forEach(s -> s.dropsByReason().forEach((reason, count) -> sum.merge(reason, count, Long::sum)));
        return sum;
    }

    /** Waits until every session has a new session; times count from {@code killedAtNanos} (the bench's clock). */
    private void back(long killedAtNanos, int timeoutSeconds) throws InterruptedException, IOException {
        long[] at = awaitAll(GeneratorSession::isBack, null, killedAtNanos, timeoutSeconds);
        writeTimes(work.resolve("restart.txt"), at, killedAtNanos);
        int failed = sessions.stream().mapToInt(GeneratorSession::failedFirstLogins).sum();
        event("back", "ok", ok(at), "of", count, "seconds", seconds(at, killedAtNanos), "failed_logins", failed);
    }

    /**
     * When each session first met {@code done} (-1: not within the timeout), polling; the time is
     * {@code exactTime}'s when given (the login's own), else the poll's.
     */
    private long[] awaitAll(Predicate<GeneratorSession> done, ToLongFunction<GeneratorSession> exactTime, long since,
                            int timeoutSeconds) throws InterruptedException {
        long[] at = new long[sessions.size()];
        Arrays.fill(at, -1);
        long deadline = since + Duration.ofSeconds(timeoutSeconds).toNanos();
        int remaining = at.length;
        while (remaining > 0 && SystemClock.INSTANCE.nanos() < deadline) {
            long now = SystemClock.INSTANCE.nanos();
            for (int i = 0; i < at.length; i++) {
                if (at[i] < 0 && done.test(sessions.get(i))) {
                    at[i] = exactTime == null ? now : exactTime.applyAsLong(sessions.get(i));
                    remaining--;
                }
            }
            Thread.sleep(POLL_MILLIS);
        }
        return at;
    }

    private static int ok(long[] at) {
        return (int) Arrays.stream(at).filter(t -> t >= 0).count();
    }

    /** Seconds until the last session that made it; NaN when none did. */
    private static double seconds(long[] at, long since) {
        return Arrays.stream(at).filter(t -> t >= 0).max().stream().mapToDouble(t -> (t - since) / 1e9)
                .findFirst().orElse(Double.NaN);
    }

    private static void writeTimes(Path file, long[] at, long since) throws IOException {
        List<String> lines = new ArrayList<>();
        for (long t : at) {
            lines.add(t < 0 ? "" : String.format(Locale.ROOT, "%.4f", (t - since) / 1e9));
        }
        Files.write(file, lines);
    }

    private void event(String name, Object... keyValues) {
        out.println(GeneratorProtocol.format(name, keyValues));
        out.flush();
    }

    private static ThreadFactory daemon(String name) {
        return r -> {
            Thread thread = new Thread(r, name);
            thread.setDaemon(true);
            return thread;
        };
    }

    public static void main(String[] args) {
        System.exit(new CommandLine(new SessionGenerator()).execute(args));
    }
}
