package dev.braid.testbed.bench.netns;

import dev.braid.core.lifecycle.ControlSocket;
import dev.braid.core.time.SystemClock;
import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;

/**
 * Writes {@code braid status} of the client and the proxy into a file every interval while a run
 * goes on (read straight from their control sockets, no extra JVM), so that a kept run shows when
 * windows, queues and resequencer counters changed, not only how they ended.
 */
public final class StatusTrace implements AutoCloseable {
    private final Thread thread;
    private volatile boolean running = true;

    private StatusTrace(Path file, Map<String, Path> sockets, long intervalMillis) {
        thread = new Thread(() -> sample(file, sockets, intervalMillis), "status-trace");
        thread.setDaemon(true);
    }

    /** Starts sampling {@code sockets} (label -> control socket) into {@code file}. */
    public static StatusTrace start(Path file, Map<String, Path> sockets, long intervalMillis) {
        StatusTrace trace = new StatusTrace(file, sockets, intervalMillis);
        trace.thread.start();
        return trace;
    }

    private void sample(Path file, Map<String, Path> sockets, long intervalMillis) {
        long start = SystemClock.INSTANCE.nanos();
        try (BufferedWriter out = Files.newBufferedWriter(file)) {
            while (running) {
                out.write(String.format(Locale.ROOT, "=== t=%.1f s%n", (SystemClock.INSTANCE.nanos() - start) / 1e9));
                out.write(snapshot(sockets));
                out.flush();
                Thread.sleep(intervalMillis);
            }
        } catch (IOException e) {
            System.err.println("status trace " + file + " stopped: " + e.getMessage()); // the run goes on
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** {@code braid status} of each socket (label -> control socket) under its label; a failure says so in place. */
    static String snapshot(Map<String, Path> sockets) {
        StringBuilder out = new StringBuilder();
        sockets.forEach((label, socket) -> out.append(label).append(":\n").append(request(socket)));
        return out.toString();
    }

    private static String request(Path socket) {
        try {
            return ControlSocket.request(socket, "status");
        } catch (IOException e) {
            return "(status failed: " + e.getMessage() + ")\n";
        }
    }

    @Override
    public void close() throws InterruptedException {
        running = false;
        thread.interrupt();
        thread.join(5000);
    }
}
