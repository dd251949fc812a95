package dev.braid.dist;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.braid.core.cli.Main;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The example configs in config/ work as written with every plugin of the distribution. */
class ExampleConfigsTest {

    @ParameterizedTest
    @ValueSource(strings = {"proxy.yaml", "client.yaml"})
    void exampleConfigPassesConfigCheck(String name) {
        Path file = Path.of("..", "config", name);
        assertTrue(Files.isRegularFile(file), "missing " + file.toAbsolutePath());
        PrintStream out = System.out;
        ByteArrayOutputStream captured = new ByteArrayOutputStream();
        System.setOut(new PrintStream(captured, true, StandardCharsets.UTF_8));
        int exit;
        try {
            // the example paths (/etc/braid/...) do not exist on a build machine
            exit = Main.run("config", "check", "--no-file-checks", file.toString());
        } finally {
            System.setOut(out);
        }
        assertEquals(0, exit, "braid config check " + name + " failed");
        String effective = captured.toString(StandardCharsets.UTF_8);
        assertTrue(effective.contains("multilink:") && effective.contains("scheduler: proportional"), effective);
    }
}
