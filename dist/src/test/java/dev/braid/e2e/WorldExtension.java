package dev.braid.e2e;

import dev.braid.core.testing.Prerequisites;
import dev.braid.testbed.netns.*;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * A fresh {@link World} per test, when root, iproute2, the given tools and /dev/net/tun are there
 * (else it fails or skips by the rule of {@link Prerequisites}); closed after the test whatever
 * happened, with every log printed first if it failed.
 */
public final class WorldExtension implements BeforeEachCallback, AfterEachCallback {
    private final List<String> tools;
    private World world;

    /** @param tools commands the tests need besides ip (e.g. "iperf3") */
    public WorldExtension(String... tools) {
        this.tools = List.of(tools);
    }

    public World world() {
        return world;
    }

    @Override
    public void beforeEach(ExtensionContext context) throws IOException {
        Prerequisites.ofThisRun().root("builds network namespaces, veths and TUN devices").tools("ip")
                .tools(tools.toArray(String[]::new)).file(Path.of("/dev/net/tun"));
        world = new World(context.getRequiredTestMethod().getName());
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
