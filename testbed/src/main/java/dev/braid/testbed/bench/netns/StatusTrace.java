package dev.braid.testbed.bench.netns;

import dev.braid.core.lifecycle.ControlSocket;
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
final class StatusTrace implements AutoCloseable {
    private final Thread thread;
    private volatile boolean running = true;

    private StatusTrace(Path file, Map<String, Path> sockets, long intervalMillis) {
        thread = new Thread(() -> sample(file, sockets, intervalMillis), "status-trace");
        thread.setDaemon(true);
    }

    /** Starts sampling {@code sockets} (label -> control socket) into {@code file}. */
    static StatusTrace start(Path file, Map<String, Path> sockets, long intervalMillis) {
        StatusTrace trace = new StatusTrace(file, sockets, intervalMillis);
        trace.thread.start();
        return trace;
    }

    private void sample(Path file, Map<String, Path> sockets, long intervalMillis) {
        long start = System.nanoTime();
        try (BufferedWriter out = Files.newBufferedWriter(file)) {
            while (running) {
                out.write(String.format(Locale.ROOT, "=== t=%.1f s%n", (System.nanoTime() - start) / 1e9));
                for (Map.Entry<String, Path> socket : sockets.entrySet()) {
                    out.write(socket.getKey() + ":\n" + request(socket.getValue()));
                }
                out.flush();
                Thread.sleep(intervalMillis);
            }
        } catch (IOException e) {
            System.err.println("status trace " + file + " stopped: " + e.getMessage()); // the run goes on
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
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
