package dev.braid.core.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ch.qos.logback.classic.Level;
import dev.braid.core.config.HostPort;
import dev.braid.core.crypto.Argon2Params;
import dev.braid.core.lifecycle.PluginSet;
import dev.braid.core.login.UserRecord;
import dev.braid.core.login.UsersFile;
import dev.braid.core.proxy.ProxyConfig;
import dev.braid.core.proxy.ProxyServer;
import dev.braid.core.proxy.UsersReload;
import dev.braid.core.reload.LiveUsers;
import dev.braid.core.reload.ReloadResult;
import dev.braid.core.spi.Role;
import dev.braid.core.time.SystemClock;
import dev.braid.core.tun.InMemoryTunFactory;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/** SIGHUP and `braid reload`: all or nothing, and the answer says what changed or why nothing did. */
class RoleReloaderTest {
    private static final String CLIENT = """
            client:
              proxy: 192.0.2.1:7600
              user: alice
            links:
              - name: wired
            """;

    @RegisterExtension
    final BraidLogLevel level = new BraidLogLevel();

    @TempDir
    Path dir;

    @Test
    void anUnchangedFileReloadsToNothingChanged() throws IOException {
        RoleReloader reloader = client(CLIENT, new LogLevelOption(), null);
        assertEquals("reloaded: nothing changed", reloader.reload("test").text());
    }

    @Test
    void theLogLevelOfTheFileAppliesAtOnce() throws IOException {
        RoleReloader reloader = client(CLIENT, new LogLevelOption(), null);
        write(CLIENT + "logging:\n  level: debug\n");
        assertEquals("reloaded: logging.level info -> debug", reloader.reload("test").text());
        assertEquals(Level.DEBUG, level.current());
        write(CLIENT + "logging:\n  level: warn\n");
        assertEquals("reloaded: logging.level debug -> warn", reloader.reload("test").text());
        assertEquals(Level.WARN, level.current());
    }

    @Test
    void theEnvironmentOfThisRunKeepsWinningOverTheFile() throws IOException {
        RoleReloader reloader = client(CLIENT, new LogLevelOption(), "error");
        write(CLIENT + "logging:\n  level: debug\n");
        assertEquals("reloaded: logging.level is debug in the file, but this run's --log-level or BRAID_LOG_LEVEL keeps error",
                reloader.reload("test").text());
        assertEquals(Level.ERROR, level.current());
    }

    @Test
    void aKeyThatCannotChangeRefusesTheWholeReloadAndTheLevelStays() throws IOException {
        RoleReloader reloader = client(CLIENT, new LogLevelOption(), null);
        write(CLIENT.replace("192.0.2.1:7600", "192.0.2.9:7600") + "logging:\n  level: debug\n");
        ReloadResult result = reloader.reload("test");
        assertFalse(result.applied());
        assertEquals("reload refused: client.proxy cannot change at run time (restart braid client to apply it; "
                + "only logging.level and the users file reload); the running state is unchanged", result.text());
        assertEquals(Level.INFO, level.current());
        // Put back, the same file reloads: the refused one left nothing behind.
        write(CLIENT + "logging:\n  level: debug\n");
        assertEquals("reloaded: logging.level info -> debug", reloader.reload("test").text());
    }

    @Test
    void aBrokenOrMissingConfigIsRefusedWithFileAndLine() throws IOException {
        RoleReloader reloader = client(CLIENT, new LogLevelOption(), null);
        write(CLIENT + "logging:\n  level: loud\n");
        String broken = reloader.reload("test").text();
        assertTrue(broken.startsWith("reload refused: config " + config() + ": " + config() + ":7: logging.level: invalid value 'loud'"), broken);
        assertTrue(broken.endsWith("; the running state is unchanged"), broken);
        Files.delete(config());
        assertEquals("reload refused: config " + config() + ": " + config() + ": cannot read: it does not exist; "
                + "the running state is unchanged", reloader.reload("test").text());
    }

    @Test
    void theProxyReadsItsUsersFileAgainAndABrokenOneChangesNothing() throws Exception {
        Path usersPath = dir.resolve("users");
        UsersFile users = new UsersFile();
        users.add(user("alice"), false);
        users.save(usersPath);
        String proxyYaml = "proxy:\n  users: " + usersPath + "\n";
        Path file = write(proxyYaml);
        LiveUsers live = new LiveUsers(UsersFile.load(usersPath));
        ProxyConfig config = new ProxyConfig();
        config.setListen(new HostPort("127.0.0.1", 0));
        ProxyServer notStarted = new ProxyServer(config, new PluginSet(Map.of(), List.of(), List.of()),
                new InMemoryTunFactory(), live, SystemClock.INSTANCE);
        RoleReloader reloader = new RoleReloader(file, new Bootstrap().load(file, Role.PROXY), new LogLevelOption(), null,
                Optional.of(new UsersReload(usersPath, live, notStarted)));

        Files.writeString(usersPath, "alice:argon2 8,1,1:broken\n");
        String refused = reloader.reloadUsers("test").text();
        assertTrue(refused.startsWith("reload refused: " + usersPath + ":1: "), refused);
        assertTrue(live.lookup("alice").isPresent(), "a broken users file must not empty the users in memory");

        users.remove("alice");
        users.add(user("bob"), false);
        users.save(usersPath);
        assertEquals("reloaded: users: added bob; removed alice (0 sessions ended)", reloader.reload("test").text());
        assertTrue(live.lookup("alice").isEmpty());
        assertEquals("reloaded: nothing changed", reloader.reloadUsers("test").text());
    }

    private RoleReloader client(String yaml, LogLevelOption option, String environment) throws IOException {
        Path file = write(yaml);
        Bootstrap.Loaded loaded = RoleStartup.load(file, Role.CLIENT, option, environment);
        return new RoleReloader(file, loaded, option, environment, Optional.empty());
    }

    private Path config() {
        return dir.resolve("braid.yaml");
    }

    private Path write(String yaml) throws IOException {
        return Files.writeString(config(), yaml);
    }

    private static UserRecord user(String name) {
        return UserRecord.create(name, name.getBytes(StandardCharsets.UTF_8), Argon2Params.TEST_CHEAP, new SecureRandom());
    }
}
