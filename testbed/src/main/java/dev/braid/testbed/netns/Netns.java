package dev.braid.testbed.netns;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;

/**
 * A network namespace this test made, and the commands run inside it. Created names are unique
 * (prefix + random) so parallel or leftover runs never collide; {@link World#close()} deletes them.
 * Every command is bounded by a timeout.
 */
public final class Netns {
    /** Prefix of every namespace these tests create, so a leftover one is recognisable. */
    public static final String NAME_PREFIX = "braid-e2e-";

    private final String name;

    private Netns(String name) {
        this.name = name;
    }

    /** True when this JVM runs with uid 0 (namespaces, veths and TUNs need it). */
    public static boolean isRoot() {
        try {
            return ((Integer) Files.getAttribute(Path.of("/proc/self"), "unix:uid")) == 0;
        } catch (IOException | UnsupportedOperationException | IllegalArgumentException e) {
            return "root".equals(System.getProperty("user.name"));
        }
    }

    /** True if {@code tool} is on the PATH (or in /sbin, /usr/sbin). */
    public static boolean hasTool(String tool) {
        List<String> dirs = new ArrayList<>(Arrays.asList(
                System.getenv().getOrDefault("PATH", "/usr/bin:/bin").split(":")));
        dirs.addAll(List.of("/usr/sbin", "/sbin"));
        return dirs.stream().anyMatch(dir -> Files.isExecutable(Path.of(dir, tool)));
    }

    public static Netns create(String prefix) {
        String name = NAME_PREFIX + prefix + "-" + Integer.toHexString(ThreadLocalRandom.current().nextInt(0x10000, 0xfffff));
        host("ip", "netns", "add", name);
        Netns ns = new Netns(name);
        ns.run("ip", "link", "set", "lo", "up");
        return ns;
    }

    public String name() {
        return name;
    }

    /** Runs a command in this namespace; fails the test with its output when it exits non-zero. */
    public String run(String... command) {
        return check(exec(Duration.ofSeconds(30), command), command);
    }

    /** Runs a command in this namespace and returns its result, whatever the exit code. */
    public Result exec(Duration timeout, String... command) {
        return execute(timeout, prefixed(command));
    }

    /** Starts a long-running command in this namespace, output to {@code log}. */
    public Process spawn(Path log, String... command) throws IOException {
        return new ProcessBuilder(prefixed(command))
                .redirectErrorStream(true)
                .redirectOutput(log.toFile())
                .start();
    }

    /** Limits what leaves {@code device} to {@code rate} (tc syntax, e.g. "10mbit") with a kernel tbf. */
    public void limitRate(String device, String rate) {
        run("tc", "qdisc", "add", "dev", device, "root", "tbf", "rate", rate, "burst", "16kb", "latency", "50ms");
    }

    /** Names of the TUN devices in this namespace. */
    public List<String> tunDevices() {
        List<String> names = new ArrayList<>();
        for (String line : run("ip", "-o", "link", "show", "type", "tun").split("\n")) {
            // "12: braid0: <POINTOPOINT,...> mtu 1400 ..."
            String[] fields = line.trim().split(":\\s+");
            if (fields.length >= 2) {
                names.add(fields[1].replaceFirst("@.*", ""));
            }
        }
        return names;
    }

    /** PIDs of the processes running in this namespace ({@code ip netns pids}). */
    public List<Long> pids() {
        Result result = execute(Duration.ofSeconds(10), List.of("ip", "netns", "pids", name));
        List<Long> pids = new ArrayList<>();
        for (String line : result.output().split("\\s+")) {
            if (line.matches("\\d+")) {
                pids.add(Long.parseLong(line));
            }
        }
        return pids;
    }

    private List<String> prefixed(String... command) {
        List<String> full = new ArrayList<>(List.of("ip", "netns", "exec", name));
        full.addAll(List.of(command));
        return full;
    }

    /**
     * Kills whatever still runs inside this namespace (only processes of this test can be in a
     * namespace it created) and deletes it.
     */
    public void delete() {
        for (long pid : pids()) {
            ProcessHandle.of(pid).ifPresent(ProcessHandle::destroyForcibly);
        }
        for (long pid : pids()) {
            ProcessHandle.of(pid).ifPresent(handle -> handle.onExit().completeOnTimeout(handle, 5, TimeUnit.SECONDS).join());
        }
        Result deleted = execute(Duration.ofSeconds(10), List.of("ip", "netns", "delete", name));
        if (!deleted.ok()) {
            System.out.println("[e2e] could not delete namespace " + name + ": " + deleted.output());
        }
    }

    /** True while {@code ip netns list} shows this namespace. */
    public boolean exists() {
        return Arrays.stream(execute(Duration.ofSeconds(10), List.of("ip", "netns", "list")).output().split("\n"))
                .anyMatch(line -> line.split("\\s+")[0].equals(name));
    }

    /** Runs a command in the test's own (host) namespace. */
    public static String host(String... command) {
        return check(execute(Duration.ofSeconds(30), List.of(command)), command);
    }

    public record Result(int exitCode, String output) {
        public boolean ok() {
            return exitCode == 0;
        }
    }

    private static String check(Result result, String... command) {
        if (!result.ok()) {
            throw new AssertionError("`" + String.join(" ", command) + "` exited " + result.exitCode + ":\n" + result.output);
        }
        return result.output;
    }

    public static Result execute(Duration timeout, List<String> command) {
        try {
            Path out = Files.createTempFile("braid-cmd", ".log");
            try {
                Process process = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(out.toFile()).start();
                if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                    process.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
                    return new Result(-1, "timed out after " + timeout + ": " + Files.readString(out, StandardCharsets.UTF_8));
                }
                return new Result(process.exitValue(), Files.readString(out, StandardCharsets.UTF_8));
            } finally {
                Files.deleteIfExists(out);
            }
        } catch (IOException e) {
            return new Result(-1, e.toString());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new Result(-1, "interrupted");
        }
    }
}
