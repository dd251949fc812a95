package dev.braid.testbed.bench.sessions;

import dev.braid.core.time.SystemClock;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/** The bench's side of the {@link SessionGenerator} process: commands on its stdin, events from its log. */
final class GeneratorProcess {
    private final Process process;
    private final Path log;
    private final Writer stdin;
    /** Log lines already looked at: each event is taken once. */
    private int seenLines;

    GeneratorProcess(Process process, Path log) {
        this.process = process;
        this.log = log;
        this.stdin = new OutputStreamWriter(process.getOutputStream(), StandardCharsets.UTF_8);
    }

    long pid() {
        return process.pid();
    }

    void send(String command) throws IOException {
        stdin.write(command + "\n");
        stdin.flush();
    }

    /**
     * The next {@code @name} event; fails with the log's tail when the process exits first or the
     * timeout passes.
     */
    Map<String, String> await(String name, Duration timeout) throws IOException, InterruptedException {
        long deadline = SystemClock.INSTANCE.nanos() + timeout.toNanos();
        while (true) {
            List<String> lines = completeLines(Files.readString(log, StandardCharsets.UTF_8));
            for (; seenLines < lines.size(); seenLines++) {
                Map<String, String> event = GeneratorProtocol.parse(lines.get(seenLines), name);
                if (event != null) {
                    seenLines++;
                    return event;
                }
            }
            if (!process.isAlive()) {
                throw new IllegalStateException("the generator exited " + process.exitValue() + " before @" + name
                        + ":\n" + tail(lines));
            }
            if (SystemClock.INSTANCE.nanos() > deadline) {
                throw new IllegalStateException("no @" + name + " from the generator within " + timeout + ":\n" + tail(lines));
            }
            Thread.sleep(100);
        }
    }

    /** The lines that end in a newline: the last one may still be being written. */
    private static List<String> completeLines(String text) {
        int end = text.lastIndexOf('\n');
        return end < 0 ? List.of() : List.of(text.substring(0, end).split("\n", -1));
    }

    private static String tail(List<String> lines) {
        return String.join("\n", lines.subList(Math.max(0, lines.size() - 20), lines.size()));
    }
}
