package dev.braid.testbed.netns;

import dev.braid.core.time.SystemClock;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Deque;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import java.util.stream.Stream;

/**
 * The namespaces, links and processes of one test, and their removal: {@link #close()} stops the
 * processes it started (by handle, never by name), kills what still runs inside its namespaces and
 * deletes every namespace, also when the test failed half-way. Everything sent in such a test stays
 * inside these namespaces.
 */
public final class World implements AutoCloseable {
    /** Worlds not yet closed: closed by a shutdown hook if the test JVM is stopped (e.g. a fork timeout). */
    private static final Set<World> OPEN = ConcurrentHashMap.newKeySet();

    static {
        Runtime.getRuntime().addShutdownHook(new Thread(() -> OPEN.forEach(World::close), "e2e-world-cleanup"));
    }

    private final List<Netns> namespaces = new ArrayList<>();
    private final List<String> hostVeths = new ArrayList<>();
    private final Deque<Process> processes = new ArrayDeque<>();
    private final Path dir;
    private boolean keepDir;

    public World(String name) throws IOException {
        // At most 32 characters of the name: control sockets live here, and a Unix socket path has 108 bytes.
        this.dir = Files.createTempDirectory("braid-" + name.substring(0, Math.min(name.length(), 32)) + "-");
        OPEN.add(this);
    }

    /** A scratch directory for configs and logs of this test. */
    public Path dir() {
        return dir;
    }

    public synchronized Netns namespace(String prefix) {
        Netns ns = Netns.create(prefix);
        namespaces.add(ns);
        return ns;
    }

    /**
     * Connects two namespaces with a veth pair and addresses both ends (CIDR notation). IPv6
     * addresses are added {@code nodad}: usable at once, not seconds later after duplicate detection.
     */
    public void veth(Netns a, String aIf, String aCidr, Netns b, String bIf, String bCidr) {
        // Unique temporary names in the host namespace, renamed when moved; removed at close() if
        // a failure left them behind.
        String suffix = Integer.toHexString(ThreadLocalRandom.current().nextInt(0x100000, 0xffffff));
        String tmpA = "bea" + suffix;
        String tmpB = "beb" + suffix;
        hostVeths.add(tmpA);
        Netns.host("ip", "link", "add", tmpA, "type", "veth", "peer", "name", tmpB);
        Netns.host("ip", "link", "set", tmpA, "netns", a.name(), "name", aIf);
        Netns.host("ip", "link", "set", tmpB, "netns", b.name(), "name", bIf);
        addAddress(a, aIf, aCidr);
        addAddress(b, bIf, bCidr);
        a.run("ip", "link", "set", aIf, "up");
        b.run("ip", "link", "set", bIf, "up");
    }

    private static void addAddress(Netns ns, String device, String cidr) {
        if (cidr.contains(":")) {
            ns.run("ip", "-6", "addr", "add", cidr, "dev", device, "nodad");
        } else {
            ns.run("ip", "addr", "add", cidr, "dev", device);
        }
    }

    /** Starts a process in {@code ns}; it is stopped at {@link #close()} if still running (any thread may call it). */
    public synchronized Process start(Netns ns, String logName, String... command) throws IOException {
        Process process = ns.spawn(dir.resolve(logName), command);
        processes.push(process);
        return process;
    }

    public String log(String logName) {
        try {
            return Files.readString(dir.resolve(logName));
        } catch (IOException e) {
            return "(no log: " + e + ")";
        }
    }

    /** Netty's "LEAK:" reports in the log {@code logName} (paranoid leak detection in that process finds them). */
    public int leakReports(String logName) {
        return (int) log(logName).lines().filter(line -> line.contains("LEAK:")).count();
    }

    /** Keeps the scratch directory (configs, logs) after close(), e.g. when the test failed. */
    public void keepFiles() {
        keepDir = true;
    }

    /** Waits until {@code condition} holds, polling; fails with {@code what} after {@code timeout}. */
    public static void await(String what, Duration timeout, BooleanSupplier condition) throws InterruptedException {
        long deadline = SystemClock.INSTANCE.nanos() + timeout.toNanos();
        while (!condition.getAsBoolean()) {
            if (SystemClock.INSTANCE.nanos() > deadline) {
                throw new AssertionError("timed out after " + timeout + " waiting for " + what);
            }
            Thread.sleep(50);
        }
    }

    /** Stops a process gracefully (SIGTERM), then forcibly. @return its exit code */
    public static int stop(Process process, Duration grace) throws InterruptedException {
        process.destroy();
        if (!process.waitFor(grace.toMillis(), TimeUnit.MILLISECONDS)) {
            process.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
        }
        return process.exitValue();
    }

    /** The namespaces made so far (the cleanup test checks they are gone after close()). */
    public List<Netns> namespaces() {
        return List.copyOf(namespaces);
    }

    @Override
    public synchronized void close() {
        OPEN.remove(this);
        // A timed-out test arrives here interrupted: clear the flag so the waits below still wait
        // (else the kills and deletes would be abandoned half-way), and restore it at the end.
        boolean interrupted = Thread.interrupted();
        try {
            cleanUp();
        } finally {
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
        }
    }

    private void cleanUp() {
        while (!processes.isEmpty()) {
            Process process = processes.pop();
            process.descendants().forEach(ProcessHandle::destroyForcibly);
            if (process.isAlive()) {
                try {
                    stop(process, Duration.ofSeconds(5));
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
        }
        for (Netns ns : namespaces) {
            ns.delete();
        }
        namespaces.clear();
        for (String veth : hostVeths) {
            Netns.execute(Duration.ofSeconds(10), List.of("ip", "link", "delete", veth)); // gone already: harmless error
        }
        hostVeths.clear();
        if (!keepDir) {
            deleteTree(dir);
        } else {
            System.out.println("[e2e] kept configs and logs in " + dir);
        }
    }

    private static void deleteTree(Path root) {
        try (Stream<Path> paths = Files.walk(root)) {
            paths.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            // best effort: a temp directory
        }
    }
}
