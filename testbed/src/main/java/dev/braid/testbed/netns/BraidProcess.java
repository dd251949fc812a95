package dev.braid.testbed.netns;

import dev.braid.core.time.SystemClock;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** A running {@code braid} process of a {@link World} and its log. */
public final class BraidProcess {
    private static final Pattern TUNNEL_ADDRESS = Pattern.compile("tunnel up: \\S+ on \\S+ (\\S+)/");
    private final World world;
    private final String name;
    private final Process process;

    public BraidProcess(World world, String name, Process process) {
        this.world = world;
        this.name = name;
        this.process = process;
    }

    public Process process() {
        return process;
    }

    public String log() {
        return world.log(name + ".log");
    }

    /** A client's IPv4 address in the tunnel, from its first "tunnel up" line; fails with the log without one. */
    public String tunnelAddress() {
        Matcher m = TUNNEL_ADDRESS.matcher(log());
        if (!m.find()) {
            throw new AssertionError(name + " has no tunnel up line:\n" + log());
        }
        return m.group(1);
    }

    /** Netty's "LEAK:" reports in its log so far. */
    public int leakReports() {
        return world.leakReports(name + ".log");
    }

    /**
     * Waits until the log contains {@code text}; fails at once, with the log, when the process
     * exits first, and after {@code timeout} otherwise.
     */
    public void awaitLog(String text, Duration timeout) throws InterruptedException {
        long deadline = SystemClock.INSTANCE.nanos() + timeout.toNanos();
        while (!log().contains(text)) {
            if (!process.isAlive() && !log().contains(text)) {
                throw new AssertionError(name + " exited " + process.exitValue() + " before logging \"" + text + "\":\n" + log());
            }
            if (SystemClock.INSTANCE.nanos() > deadline) {
                throw new AssertionError("timed out after " + timeout + " waiting for " + name + " to log \"" + text + "\":\n" + log());
            }
            Thread.sleep(50);
        }
    }

    /** Waits for the process to exit by itself. @return its exit code */
    public int awaitExit(Duration timeout) throws InterruptedException {
        if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
            throw new AssertionError(name + " still running after " + timeout + ":\n" + log());
        }
        return process.exitValue();
    }

    /** SIGTERM, as an operator's Ctrl-C or systemd stop would. @return the exit code */
    public int terminate() throws InterruptedException {
        return World.stop(process, Duration.ofSeconds(15));
    }

    /** SIGHUP, as {@code systemctl reload} sends it: the process reloads and keeps running. */
    public void hangup() {
        Netns.Result result = Netns.execute(Duration.ofSeconds(10), List.of("kill", "-HUP", Long.toString(process.pid())));
        if (!result.ok()) {
            throw new AssertionError("kill -HUP " + process.pid() + " (" + name + ") failed:\n" + result.output());
        }
    }

    /** SIGKILL: no shutdown hook runs. */
    public void kill() throws InterruptedException {
        process.destroyForcibly();
        if (!process.waitFor(10, TimeUnit.SECONDS)) {
            throw new AssertionError(name + " survived SIGKILL");
        }
    }
}
