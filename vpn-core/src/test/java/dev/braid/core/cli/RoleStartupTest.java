package dev.braid.core.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ch.qos.logback.classic.Level;
import dev.braid.core.config.EffectiveConfig;
import dev.braid.core.spi.Role;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/** The start of `braid client` / `braid proxy`: log level, then the role's effective config. */
class RoleStartupTest {
    private static final String CLIENT = """
            client:
              proxy: 192.0.2.1:7600
              user: alice
              keepalive: 15s
            links:
              - name: wired
                interface: eth0
            """;

    @RegisterExtension
    final BraidLogLevel level = new BraidLogLevel();

    @TempDir
    Path dir;

    @Test
    void theClientsEffectiveConfigHasOnlyClientKeysThatDifferFromTheDefaults() throws IOException {
        Bootstrap.Loaded loaded = RoleStartup.load(file(CLIENT), Role.CLIENT, new LogLevelOption(), null);
        String info = loaded.effectiveConfig(EffectiveConfig.Detail.CHANGED_KEYS);
        assertEquals("""
                client:
                  keepalive: 15s
                  proxy: 192.0.2.1:7600
                  user: alice
                links:
                  - interface: eth0
                    name: wired
                logging: {}
                metrics: {}
                """, info);
        String debug = loaded.effectiveConfig(EffectiveConfig.Detail.ALL_KEYS);
        assertTrue(debug.contains("  login-timeout: 20s\n"), debug);
        assertFalse(debug.lines().anyMatch(line -> line.matches("#? ?proxy:.*")), "no proxy section:\n" + debug);
    }

    @Test
    void logLevelDebugOnTheCommandLineSetsBraidsLoggers() throws IOException {
        Path config = file(CLIENT + "logging:\n  level: warn\n");
        ClientCommand client = (ClientCommand) Main.commandLine()
                .parseArgs("client", "--config", config.toString(), "--log-level", "debug")
                .subcommand().commandSpec().userObject();
        RoleStartup.load(config, Role.CLIENT, client.logLevel, "error");
        assertEquals(Level.DEBUG, level.current());
    }

    @Test
    void theEnvironmentVariableWinsOverTheFileAndTheFileOverInfo() throws IOException {
        Path config = file(CLIENT + "logging:\n  level: warn\n");
        RoleStartup.load(config, Role.CLIENT, new LogLevelOption(), "error");
        assertEquals(Level.ERROR, level.current());
        RoleStartup.load(config, Role.CLIENT, new LogLevelOption(), null);
        assertEquals(Level.WARN, level.current());
        RoleStartup.load(file(CLIENT), Role.CLIENT, new LogLevelOption(), "");
        assertEquals(Level.INFO, level.current());
    }

    @Test
    void anEnvironmentValueThatIsNoLevelIsAnOperatorError() throws IOException {
        Path config = file(CLIENT);
        OperatorError e = assertThrows(OperatorError.class,
                () -> RoleStartup.load(config, Role.CLIENT, new LogLevelOption(), "loud"));
        assertEquals("BRAID_LOG_LEVEL=loud is not a log level: use error, warn, info, debug or trace", e.getMessage());
    }

    private Path file(String yaml) throws IOException {
        return Files.writeString(dir.resolve("client.yaml"), yaml);
    }
}
