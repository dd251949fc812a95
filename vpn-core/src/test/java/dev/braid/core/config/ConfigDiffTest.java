package dev.braid.core.config;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.braid.core.client.ClientConfig;
import dev.braid.core.client.LinkConfig;
import dev.braid.core.logging.LoggingConfig;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Which keys a reload sees as changed between two loads of a file. */
class ConfigDiffTest {
    private static final String BASE = """
            client:
              proxy: 192.0.2.1:7600
              user: alice
              routes: [10.0.0.0/8]
            links:
              - name: wired
                interface: eth0
            """;
    private static final List<String> SECTIONS = List.of("client", "links", "logging");

    private final ConfigLoader loader = new ConfigLoader()
            .register("client", ClientConfig.class)
            .registerList("links", LinkConfig.class, java.util.Set.of("auto"))
            .register("logging", LoggingConfig.class);

    @Test
    void theSameFileTwiceHasNoChange() {
        assertEquals(List.of(), changed(BASE, BASE));
    }

    @Test
    void aKeyWrittenDifferentlyButEqualIsNoChange() {
        assertEquals(List.of(), changed(BASE, BASE.replace("user: alice", "user: \"alice\"")));
    }

    @Test
    void aKeySetToItsDefaultIsNoChange() {
        String keepalive = "  keepalive: " + Durations.format(new ClientConfig().getKeepalive()) + "\n";
        assertEquals(List.of(), changed(BASE, BASE.replace("  user: alice\n", "  user: alice\n" + keepalive)));
    }

    @Test
    void changedScalarsAndListsAreNamedSectionDotKey() {
        String after = BASE.replace("user: alice", "user: bob").replace("[10.0.0.0/8]", "[10.0.0.0/8, 172.16.0.0/12]")
                + "logging:\n  level: debug\n";
        assertEquals(List.of("client.routes", "client.user", "logging.level"), changed(BASE, after));
    }

    @Test
    void aListSectionChangesAsAWhole() {
        assertEquals(List.of("links"), changed(BASE, BASE.replace("eth0", "eth1")));
        assertEquals(List.of("links"), changed(BASE, BASE.substring(0, BASE.indexOf("links:")) + "links: auto\n"));
    }

    private List<String> changed(String before, String after) {
        return ConfigDiff.changedKeys(loader.load("before.yaml", before), loader.load("after.yaml", after), SECTIONS);
    }
}
