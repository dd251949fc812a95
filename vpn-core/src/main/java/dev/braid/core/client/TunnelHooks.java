package dev.braid.core.client;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The client's {@code on-up} and {@code on-down} commands (as wg-quick's PostUp and PreDown): run
 * with {@code sh -c} when the tunnel is up on a new TUN and before that TUN goes, with the
 * tunnel's facts in {@code BRAID_*} variables, so an operator can set DNS, firewall marks or
 * routes of their own. Blocking: called on the client's worker, never on the event loop. A command
 * that fails or outlives {@link #TIMEOUT} is a warning (it is killed); the tunnel stays up. Its
 * first {@value #MAX_LOGGED_LINES} lines of output are logged.
 */
final class TunnelHooks {
    static final Duration TIMEOUT = Duration.ofSeconds(30);
    private static final Logger log = LoggerFactory.getLogger(TunnelHooks.class);
    private static final int MAX_LOGGED_LINES = 20;

    /** What the commands are told about the tunnel. */
    record Facts(String tun, String user, String proxy, String address, String address6, int mtu, List<String> routes,
                 List<String> dns, List<String> domains) {
        Map<String, String> environment() {
            Map<String, String> env = new LinkedHashMap<>();
            env.put("BRAID_TUN", tun);
            env.put("BRAID_USER", user);
            env.put("BRAID_PROXY", proxy);
            env.put("BRAID_ADDRESS", address);
            env.put("BRAID_ADDRESS6", address6 == null ? "" : address6);
            env.put("BRAID_MTU", Integer.toString(mtu));
            env.put("BRAID_ROUTES", String.join(" ", routes));
            env.put("BRAID_DNS", String.join(" ", dns));
            env.put("BRAID_DOMAINS", String.join(" ", domains));
            return env;
        }
    }

    private final String onUp;
    private final String onDown;
    private final Duration timeout;
    private Facts up;

    TunnelHooks(String onUp, String onDown) {
        this(onUp, onDown, TIMEOUT);
    }

    TunnelHooks(String onUp, String onDown, Duration timeout) {
        this.onUp = onUp;
        this.onDown = onDown;
        this.timeout = timeout;
    }

    /** The tunnel is up on a new TUN: runs {@code on-up}. */
    synchronized void up(Facts facts) throws InterruptedException {
        up = facts;
        run("on-up", onUp, facts);
    }

    /** The TUN the last {@link #up} named is about to go: runs {@code on-down} with the same facts, once. */
    synchronized void down() throws InterruptedException {
        if (up != null) {
            Facts facts = up;
            up = null;
            run("on-down", onDown, facts);
        }
    }

    /** The process the hook runs, for tests. */
    static ProcessBuilder process(String command, Facts facts) {
        ProcessBuilder builder = new ProcessBuilder("/bin/sh", "-c", command).redirectErrorStream(true);
        builder.environment().putAll(facts.environment());
        return builder;
    }

    private void run(String key, String command, Facts facts) throws InterruptedException {
        if (command.isBlank()) {
            return;
        }
        Process process;
        try {
            process = process(command, facts).start();
            process.getOutputStream().close();
        } catch (IOException e) {
            log.warn("{} could not start: {}", key, e.getMessage());
            return;
        }
        List<String> output = new ArrayList<>();
        Thread reader = new Thread(() -> readLines(process, output), "braid-" + key + "-output");
        reader.setDaemon(true);
        reader.start();
        if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
            process.destroyForcibly().waitFor();
            log.warn("{} still ran after {} ms and was killed: {}", key, timeout.toMillis(), command);
        }
        reader.join(1000);
        synchronized (output) {
            output.forEach(line -> log.info("{}: {}", key, line));
        }
        if (!process.isAlive() && process.exitValue() != 0) {
            log.warn("{} exited with {}: {}", key, process.exitValue(), command);
        }
    }

    private static void readLines(Process process, List<String> output) {
        try (BufferedReader in = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
            String line;
            while ((line = in.readLine()) != null) {
                synchronized (output) {
                    if (output.size() < MAX_LOGGED_LINES) {
                        output.add(line);
                    }
                }
            }
        } catch (IOException e) {
            // the process was killed: what it printed so far is logged
        }
    }
}
