package dev.braid.testbed.bench.sessions;

import dev.braid.core.crypto.Argon2Params;
import dev.braid.core.login.UserRecord;
import dev.braid.core.login.UsersFile;
import dev.braid.core.login.UsersFileException;
import dev.braid.core.net.KernelUdpErrors;
import dev.braid.core.time.SystemClock;
import dev.braid.testbed.netns.Braid;
import dev.braid.testbed.netns.BraidProcess;
import dev.braid.testbed.netns.Netns;
import dev.braid.testbed.netns.World;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Runs {@code bench sessions}:
 *
 * <ol>
 *   <li>two namespaces joined by a veth: the proxy's (10.200.0.1/24, a real {@code braid proxy}
 *       process) and the generator's, with one source address per session behind one router hop
 *       ({@link SourceAddresses});
 *   <li>the empty proxy's RSS and live heap;
 *   <li>cold start: the {@link SessionGenerator} process starts every session at once; logins per
 *       second until all are in;
 *   <li>idle: the proxy's RSS and live heap with N sessions, its CPU over a fixed window;
 *   <li>active: M sessions push echo traffic at the configured rate; throughput and drops per session;
 *   <li>restart: the proxy is killed (SIGKILL, by PID) and started again; the time until every
 *       session has a new one, and the logins per second of that rush.
 * </ol>
 * Every phase has a timeout; a phase that fails ends the run, and the report shows what was
 * measured until then.
 */
public final class SessionsBench {

    /**
     * @param proxyJvm     JVM options of the proxy process
     * @param generatorJvm JVM options of the generator process
     */
    public record Settings(int count, int active, int links, long rateBitsPerSecond, int packetBytes,
                           int keepaliveSeconds, int idleSeconds, int trafficSeconds, int phaseTimeoutSeconds,
                           Argon2Params argon2, List<String> proxyJvm, List<String> generatorJvm, Path out,
                           String command, boolean keepFiles) {}

    static final int PORT = 7600;
    static final String POOL = "10.80.0.0/18";
    /** The proxy's own tunnel address (the pool's first), which its kernel answers pings on. */
    static final String PROXY_TUN = "10.80.0.1";
    static final String PASSWORD = "correct horse battery";
    private static final String MAIN = SessionGenerator.class.getName();
    /** Lets the JIT and the logins' garbage settle before memory and CPU are read. */
    private static final Duration SETTLE = Duration.ofSeconds(5);
    /** File descriptors of the generator beside its sockets (jars, epoll, pipes). */
    private static final int FDS_BASE = 2048;
    private static final Pattern OPEN_FILES = Pattern.compile("Max open files\\s+\\d+\\s+(\\d+)");

    private final Settings settings;
    private final PrintWriter log;
    private final SessionsFigures figures = new SessionsFigures();
    private int proxyStarts;
    /** The world's directory, where the generator writes its login times. */
    private Path work;
    private Netns proxyNs;
    private Netns generatorNs;

    public SessionsBench(Settings settings, PrintWriter log) {
        this.settings = settings;
        this.log = log;
        figures.count = settings.count();
        figures.active = settings.active();
        figures.links = settings.links();
        figures.rateBitsPerSecond = settings.rateBitsPerSecond();
        figures.packetBytes = settings.packetBytes();
        figures.keepaliveSeconds = settings.keepaliveSeconds();
    }

    /** @return the figures, also when a phase failed ({@code error} then says which and why) */
    public SessionsFigures run() throws IOException, InterruptedException {
        figures.loadBefore = ProcessMeter.loadAverage();
        try (World world = new World("sessions")) {
            try {
                measure(world);
            } catch (IOException | RuntimeException | AssertionError e) {
                figures.error = firstLines(String.valueOf(e.getMessage()));
                progress("FAILED: " + figures.error);
                world.keepFiles();
            } finally {
                figures.leakReports = leakReports(world);
                figures.proxyKernelUdp = kernelUdpErrors(proxyNs);
                figures.generatorKernelUdp = kernelUdpErrors(generatorNs);
            }
            if (settings.keepFiles()) {
                world.keepFiles();
            }
        }
        figures.loadAfter = ProcessMeter.loadAverage();
        SessionsReport.write(settings.out(), figures, settings.command());
        SessionsCharts.write(settings.out(), figures);
        log.println(SessionsReport.markdown(figures, settings.command()));
        log.println("wrote sessions.csv, sessions-active.csv, sessions.md and sessions.png to " + settings.out());
        log.flush();
        return figures;
    }

    private void measure(World world) throws IOException, InterruptedException {
        work = world.dir();
        proxyNs = world.namespace("sproxy");
        generatorNs = world.namespace("sgen");
        world.veth(proxyNs, "eth0", SourceAddresses.PROXY + "/" + SourceAddresses.LINK_PREFIX,
                generatorNs, "eth0", SourceAddresses.ROUTER + "/" + SourceAddresses.LINK_PREFIX);
        proxyNs.run("ip", "route", "add", SourceAddresses.FLEET, "via", SourceAddresses.ROUTER);
        addSourceAddresses(world, generatorNs);
        Path users = writeUsers(world.dir());
        Path config = writeProxyConfig(world.dir(), users);
        BraidProcess proxy = startProxy(world, proxyNs, config);
        Thread.sleep(SETTLE.toMillis());
        figures.emptyRssKiB = ProcessMeter.rssKiB(proxy.process().pid());
        figures.emptyHeapKiB = ProcessMeter.liveHeapKiB(proxy.process().pid());
        progress(String.format(Locale.ROOT, "empty proxy: RSS %d KiB, live heap %d KiB", figures.emptyRssKiB,
                figures.emptyHeapKiB));

        GeneratorProcess generator = startGenerator(world, generatorNs);
        coldStart(generator, proxy);
        idle(generator, proxy);
        if (settings.active() > 0) {
            traffic(generator, proxy);
        }
        restart(world, proxyNs, config, generator, proxy);
        generator.send("quit");
        generator.await("bye", Duration.ofSeconds(settings.phaseTimeoutSeconds()));
    }

    /** One address per session on the generator's veth, in one {@code ip -batch}. */
    private void addSourceAddresses(World world, Netns generatorNs) throws IOException {
        List<String> commands = new ArrayList<>();
        for (int i = 0; i < settings.count(); i++) {
            commands.add("address add " + SourceAddresses.of(i) + "/32 dev eth0");
        }
        Path batch = world.dir().resolve("addresses.batch");
        Files.write(batch, commands);
        Netns.Result added = Netns.execute(Duration.ofSeconds(settings.phaseTimeoutSeconds()),
                List.of("ip", "-n", generatorNs.name(), "-batch", batch.toString()));
        if (!added.ok()) {
            throw new IllegalStateException("could not add the generator's addresses: " + firstLines(added.output()));
        }
    }

    /** Users s0 .. sN-1 with one password (each its own salt), written in this process: N `braid user add` JVMs would take minutes. */
    private Path writeUsers(Path dir) throws IOException {
        long begin = SystemClock.INSTANCE.nanos();
        UsersFile users = new UsersFile();
        SecureRandom random = new SecureRandom();
        byte[] password = PASSWORD.getBytes(StandardCharsets.UTF_8);
        try {
            for (int i = 0; i < settings.count(); i++) {
                users.add(UserRecord.create(user(i), password, settings.argon2(), random), false);
            }
        } catch (UsersFileException e) {
            throw new IllegalStateException("generated users clash: " + e.getMessage(), e);
        }
        Path file = dir.resolve("users");
        users.save(file);
        Files.writeString(dir.resolve("password"), PASSWORD + "\n");
        progress(String.format(Locale.ROOT, "%d users written in %.1f s", settings.count(),
                (SystemClock.INSTANCE.nanos() - begin) / 1e9));
        return file;
    }

    static String user(int index) {
        return "s" + index;
    }

    private Path writeProxyConfig(Path dir, Path users) throws IOException {
        Path config = dir.resolve("proxy.yaml");
        Files.writeString(config, String.join("\n",
                "proxy:",
                "  plugins: [multilink]",
                "  listen: " + SourceAddresses.PROXY + ":" + PORT,
                "  users: " + users,
                "  tun-name: braidp0",
                "  client-pool: " + POOL,
                "  require-encryption: true",
                "  control-socket: " + controlSocket(),
                "  max-sessions: " + (settings.count() + 16),
                "  max-sessions-per-user: 2",
                "  users-watch: 0s",
                ""));
        return config;
    }

    private BraidProcess startProxy(World world, Netns proxyNs, Path config) throws IOException, InterruptedException {
        String name = "proxy-" + (++proxyStarts);
        List<String> command = Braid.commandWith(settings.proxyJvm(), "proxy", "--config", config.toString());
        BraidProcess proxy = new BraidProcess(world, name, world.start(proxyNs, name + ".log", command.toArray(String[]::new)));
        proxy.awaitLog("proxy listening on", Duration.ofSeconds(settings.phaseTimeoutSeconds()));
        return proxy;
    }

    private GeneratorProcess startGenerator(World world, Netns generatorNs) throws IOException {
        List<String> command = new ArrayList<>(List.of("env", "BRAID_LOG_LEVEL=warn"));
        long fds = FDS_BASE + (long) settings.links() * settings.count(); // one UDP socket per link
        if (fds > hardFileLimit()) {
            // The JVM raises its soft limit to the hard one by itself; beyond that only CAP_SYS_RESOURCE helps.
            command.addAll(0, List.of("prlimit", "--nofile=" + fds + ":" + fds));
        }
        command.addAll(Braid.java(settings.generatorJvm(), MAIN,
                "--proxy", SourceAddresses.PROXY + ":" + PORT,
                "--count", Integer.toString(settings.count()),
                "--active", Integer.toString(settings.active()),
                "--links", Integer.toString(settings.links()),
                "--password-file", world.dir().resolve("password").toString(),
                "--keepalive", Integer.toString(settings.keepaliveSeconds()),
                "--echo-to", PROXY_TUN,
                "--rate-bit", Long.toString(settings.rateBitsPerSecond()),
                "--packet-bytes", Integer.toString(settings.packetBytes()),
                "--login-timeout", Integer.toString(settings.phaseTimeoutSeconds()),
                "--work", world.dir().toString()));
        Process process = world.start(generatorNs, "generator.log", command.toArray(String[]::new));
        return new GeneratorProcess(process, world.dir().resolve("generator.log"));
    }

    /** This process's hard limit of open files, which the generator inherits. */
    private static long hardFileLimit() throws IOException {
        Matcher m = OPEN_FILES.matcher(Files.readString(Path.of("/proc/self/limits")));
        return m.find() ? Long.parseLong(m.group(1)) : Long.MAX_VALUE;
    }

    private void coldStart(GeneratorProcess generator, BraidProcess proxy) throws IOException, InterruptedException {
        CpuWindow cpu = CpuWindow.open(proxy.process().pid(), generator.pid());
        Map<String, String> up = generator.await("up", phaseTimeout().plusSeconds(60));
        figures.coldCpu = cpu.close();
        figures.coldOk = Integer.parseInt(up.get("ok"));
        figures.coldFailedLogins = Integer.parseInt(up.get("failed_logins"));
        figures.coldSeconds = Double.parseDouble(up.get("seconds"));
        figures.coldStartSeconds = Double.parseDouble(up.get("start_seconds"));
        figures.coldTimes = SessionsFigures.sortedTimes(Files.readAllLines(generatorFile("cold.txt")));
        progress(String.format(Locale.ROOT, "cold start: %d/%d sessions in %.1f s (%.0f logins/s), %d failed logins "
                        + "tried again", figures.coldOk, settings.count(), figures.coldSeconds, figures.coldLoginsPerSecond(),
                figures.coldFailedLogins));
        figures.coldProxyAcceptRate = ProxyView.acceptRate(ProxyView.acceptTimes(proxy.log()));
        figures.coldProxyDrops = ProxyView.status(controlSocket()).drops();
        progress(String.format(Locale.ROOT, "the proxy accepted %.0f logins/s; its drops: %s; %s", figures.coldProxyAcceptRate,
                figures.coldProxyDrops, describe(figures.coldCpu)));
        requireAll("logged in at the cold start", figures.coldOk);
    }

    private void idle(GeneratorProcess generator, BraidProcess proxy) throws IOException, InterruptedException {
        Thread.sleep(SETTLE.toMillis());
        long pid = proxy.process().pid();
        CpuWindow cpu = CpuWindow.open(pid, generator.pid());
        Thread.sleep(Duration.ofSeconds(settings.idleSeconds()).toMillis());
        CpuWindow.Usage idle = cpu.close();
        double seconds = idle.seconds();
        figures.idleSeconds = seconds;
        figures.idleProxyCpuPercent = idle.proxy();
        figures.idleGeneratorCpuPercent = idle.generator();
        figures.loadedRssKiB = ProcessMeter.rssKiB(pid);
        figures.loadedHeapKiB = ProcessMeter.liveHeapKiB(pid);
        generator.send("count");
        figures.upAfterIdle = Long.parseLong(generator.await("count", phaseTimeout()).get("up"));
        figures.proxySessionsAfterIdle = ProxyView.status(controlSocket()).sessions();
        progress(String.format(Locale.ROOT, "idle %.0f s: proxy CPU %.1f %% of a core (generator %.1f %%), RSS %d KiB "
                        + "(%.1f KiB/session), live heap %d KiB (%.1f KiB/session), %d sessions up (the proxy lists %d)", seconds,
                figures.idleProxyCpuPercent, figures.idleGeneratorCpuPercent, figures.loadedRssKiB,
                figures.rssPerSessionKiB(), figures.loadedHeapKiB, figures.heapPerSessionKiB(), figures.upAfterIdle,
                figures.proxySessionsAfterIdle));
    }

    private void traffic(GeneratorProcess generator, BraidProcess proxy) throws IOException, InterruptedException {
        Map<String, Long> dropsBefore = ProxyView.status(controlSocket()).drops();
        CpuWindow cpu = CpuWindow.open(proxy.process().pid(), generator.pid());
        generator.send("traffic " + settings.trafficSeconds());
        Map<String, String> traffic = generator.await("traffic",
                Duration.ofSeconds(settings.trafficSeconds()).plus(phaseTimeout()));
        CpuWindow.Usage busy = cpu.close();
        figures.trafficProxyCpuPercent = busy.proxy();
        figures.trafficGeneratorCpuPercent = busy.generator();
        figures.trafficProxyDrops = DropCounts.growth(dropsBefore, ProxyView.status(controlSocket()).drops());
        figures.trafficClientDrops = DropCounts.parse(traffic.get("client_drops"));
        for (String line : Files.readAllLines(generatorFile("active.txt"))) {
            String[] f = line.split(",");
            figures.activeSessions.add(new EchoTraffic.Result(Integer.parseInt(f[0]), Long.parseLong(f[1]),
                    Long.parseLong(f[2]), Long.parseLong(f[3]), Double.parseDouble(f[4]), settings.packetBytes()));
        }
        progress(String.format(Locale.ROOT, "%d active sessions: %.3f Mbit/s back each on average (min %.3f), %.2f %% "
                        + "lost, %d not sent (generator late), proxy CPU %.1f %% (generator %.1f %%), proxy drops %s, the active clients' drops %s",
                figures.activeSessions.size(),
                figures.activeMeanMbit(), figures.activeMinMbit(), figures.activeLossPercent(), figures.activeSkipped(),
                figures.trafficProxyCpuPercent, figures.trafficGeneratorCpuPercent, figures.trafficProxyDrops,
                figures.trafficClientDrops));
    }

    private void restart(World world, Netns proxyNs, Path config, GeneratorProcess generator, BraidProcess proxy)
            throws IOException, InterruptedException {
        generator.send("mark");
        generator.await("marked", phaseTimeout());
        CpuWindow cpu = CpuWindow.open(proxy.process().pid(), generator.pid());
        long killed = SystemClock.INSTANCE.nanos();
        proxy.kill();
        BraidProcess restarted = startProxy(world, proxyNs, config);
        figures.proxyStartSeconds = (SystemClock.INSTANCE.nanos() - killed) / 1e9;
        cpu = cpu.withProxy(restarted.process().pid());
        generator.send("back " + killed + " " + settings.phaseTimeoutSeconds());
        Map<String, String> back = generator.await("back", phaseTimeout().plusSeconds(60));
        figures.restartCpu = cpu.close();
        figures.backOk = Integer.parseInt(back.get("ok"));
        figures.backSeconds = Double.parseDouble(back.get("seconds"));
        figures.backFailedLogins = Integer.parseInt(back.get("failed_logins")) - figures.coldFailedLogins;
        figures.backTimes = SessionsFigures.sortedTimes(Files.readAllLines(generatorFile("restart.txt")));
        progress(String.format(Locale.ROOT, "restart: proxy listening %.1f s after the kill; %d/%d sessions back %.1f s "
                        + "after it (first %.1f s), %.0f logins/s", figures.proxyStartSeconds, figures.backOk,
                settings.count(), figures.backSeconds, figures.firstBackSeconds(), figures.restartLoginsPerSecond()));
        figures.restartProxyAcceptRate = ProxyView.acceptRate(ProxyView.acceptTimes(restarted.log()));
        figures.restartProxyDrops = ProxyView.status(controlSocket()).drops();
        progress(String.format(Locale.ROOT, "the new proxy accepted %.0f logins/s; its drops: %s; %s",
                figures.restartProxyAcceptRate, figures.restartProxyDrops, describe(figures.restartCpu)));
        requireAll("back after the restart", figures.backOk);
    }

    /** The namespace's kernel UDP loss counters (it is new, so they count this run only); null when there is none. */
    private static KernelUdpErrors kernelUdpErrors(Netns ns) {
        if (ns == null) {
            return null;
        }
        Duration timeout = Duration.ofSeconds(10);
        return KernelUdpErrors.parse(ns.exec(timeout, "cat", "/proc/net/snmp").output(),
                ns.exec(timeout, "cat", "/proc/net/snmp6").output());
    }

    /** Netty's "LEAK:" reports in the generator's and the proxies' logs (paranoid detection, if asked for, finds them). */
    private int leakReports(World world) {
        int leaks = 0;
        List<String> logs = new ArrayList<>(List.of("generator.log"));
        for (int i = 1; i <= proxyStarts; i++) {
            logs.add("proxy-" + i + ".log");
        }
        for (String name : logs) {
            leaks += world.leakReports(name);
        }
        return leaks;
    }

    private static String describe(CpuWindow.Usage cpu) {
        return String.format(Locale.ROOT, "CPU over %.1f s: proxy %.0f %% (its login thread %.0f %%), generator %.0f %% "
                + "(its SRP workers %.0f %%)", cpu.seconds(), cpu.proxy(), cpu.proxyLoginThread(), cpu.generator(),
                cpu.generatorWorkers());
    }

    private Path controlSocket() {
        return work.resolve("proxy.sock");
    }

    private Path generatorFile(String name) {
        return work.resolve(name);
    }

    private void requireAll(String what, int ok) {
        if (ok < settings.count()) {
            throw new IllegalStateException((settings.count() - ok) + " of " + settings.count() + " sessions not " + what
                    + " within " + settings.phaseTimeoutSeconds() + " s");
        }
    }

    private Duration phaseTimeout() {
        return Duration.ofSeconds(settings.phaseTimeoutSeconds());
    }

    private void progress(String line) {
        log.println("[sessions] " + line);
        log.flush();
    }

    private static String firstLines(String text) {
        String[] lines = text.split("\n");
        return String.join(" / ", List.of(lines).subList(0, Math.min(3, lines.length)));
    }
}
