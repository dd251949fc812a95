package dev.braid.e2e;

import dev.braid.testbed.netns.*;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * A fresh {@link World} per test, skipped (with the reason printed) when not root or a needed tool
 * is missing; closed after the test whatever happened, with every log printed first if it failed.
 */
public final class WorldExtension implements BeforeEachCallback, AfterEachCallback {
    private final List<String> tools;
    private World world;

    /** @param tools commands the tests need besides ip (e.g. "iperf3"); missing ones skip the test */
    public WorldExtension(String... tools) {
        this.tools = List.of(tools);
    }

    public World world() {
        return world;
    }

    @Override
    public void beforeEach(ExtensionContext context) throws IOException {
        skipUnless(Netns.isRoot(), "needs root (network namespaces, veths and TUN devices); running as "
                + System.getProperty("user.name"));
        skipUnless(Netns.hasTool("ip"), "needs iproute2 (`ip`)");
        for (String tool : tools) {
            skipUnless(Netns.hasTool(tool), "needs " + tool + " (apt-get install -y " + tool + ")");
        }
        skipUnless(Files.exists(Path.of("/dev/net/tun")), "needs /dev/net/tun");
        world = new World(context.getRequiredTestMethod().getName());
    }

    private static void skipUnless(boolean condition, String reason) {
        if (!condition) {
            System.out.println("[e2e] skipped: " + reason);
        }
        Assumptions.assumeTrue(condition, reason);
    }

    @Override
    public void afterEach(ExtensionContext context) {
        if (world == null) {
            return;
        }
        try {
            if (context.getExecutionException().isPresent()) {
                printLogs(context.getDisplayName());
            }
        } finally {
            world.close();
            world = null;
        }
    }

    private void printLogs(String test) {
        try (Stream<Path> files = Files.list(world.dir())) {
            files.filter(f -> f.toString().endsWith(".log")).sorted().forEach(f -> {
                System.out.println("[e2e] ---- " + test + ": " + f.getFileName() + " ----");
                System.out.println(world.log(f.getFileName().toString()));
            });
        } catch (IOException e) {
            System.out.println("[e2e] cannot list logs: " + e);
        }
    }
}
