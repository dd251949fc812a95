package dev.braid.testbed.bench.netns;

import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.braid.core.lifecycle.ControlSocket;
import dev.braid.testbed.netns.World;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class StatusTraceTest {
    @TempDir
    Path dir;

    @Test
    void writesEverySocketsStatusUnderATimestampUntilClosed() throws Exception {
        AtomicInteger requests = new AtomicInteger();
        Path file = dir.resolve("trace.txt");
        Map<String, Path> sockets = new LinkedHashMap<>();
        sockets.put("client c1", dir.resolve("c1.sock"));
        sockets.put("gone", dir.resolve("missing.sock")); // a process that already ended
        try (ControlSocket client = ControlSocket.start(sockets.get("client c1"),
                request -> request + " #" + requests.incrementAndGet() + "\n")) {
            StatusTrace trace = StatusTrace.start(file, sockets, 20);
            World.await("three status samples", Duration.ofSeconds(10), () -> requests.get() >= 3);
            trace.close();
        }
        String text = Files.readString(file);
        assertTrue(text.startsWith("=== t=0.0 s\nclient c1:\nstatus #1\ngone:\n(status failed: "), text);
        assertTrue(text.contains("status #3\n"), text);
    }
}
