package dev.braid.e2e;

import dev.braid.testbed.netns.*;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Reload without downtime, with real processes: SIGHUP after `braid user remove` ends that user's
 * session while another client keeps pinging through the same proxy; `braid reload` refuses a key
 * that needs a restart and applies the log level; the users file is watched; SIGHUP keeps a client;
 * a client takes new nat-probe intervals and adds and removes links without a new session.
 */
class ReloadIT {
    private static final Duration RELOADED = Duration.ofSeconds(20);

    @RegisterExtension
    final WorldExtension worlds = new WorldExtension("ping", "kill");

    @Test
    @Timeout(150)
    void sighupEndsRemovedUsersSessionOthersKeepPinging() throws Exception {
        ProxyTopology net = ProxyTopology.build(worlds.world(), 2).user("alice").user("bob");
        net.startProxy(true, "  users-watch: 0s"); // only the SIGHUP reloads here
        BraidProcess alice = net.connectClient(0, "alice", "alice", "chacha20-poly1305");
        net.connectClient(1, "bob", "bob", "aes-256-gcm");
        net.pingServer(0);
        net.pingServer(1);

        // Bob pings across the reload: 40 pings over 8 s, the reload in the middle.
        Process bobPings = worlds.world().start(net.clientNs(1), "bob-ping.log",
                "ping", "-c", "40", "-i", "0.2", "-W", "2", ProxyTopology.SERVER);
        net.braid().removeUser(net.usersFile(), "alice");
        net.proxy().hangup();
        net.proxy().awaitLog("reload (SIGHUP): reloaded: users: removed alice (1 session ended)", RELOADED);

        String status = Braid.status(net.proxySocket());
        assertTrue(status.contains("sessions 1/") && status.contains("(bob, ") && !status.contains("(alice, "), status);
        alice.awaitLog("authentication failed for user alice", RELOADED); // her next login is refused
        assertTrue(bobPings.waitFor(30, TimeUnit.SECONDS), "bob's ping did not end");
        String pings = worlds.world().log("bob-ping.log");
        assertEquals(0, bobPings.exitValue(), pings);
        assertTrue(pings.contains("40 packets transmitted, 40 received"), "bob lost pings across the reload:\n" + pings);
        assertTrue(net.proxy().process().isAlive(), "SIGHUP stopped the proxy:\n" + net.proxy().log());
    }

    @Test
    @Timeout(150)
    void reloadRefusesRestartKeysTakesLogLevelWatchesUsers() throws Exception {
        ProxyTopology net = ProxyTopology.build(worlds.world(), 1).user("alice");
        net.startProxy(true, "");
        BraidProcess alice = net.connectClient(0, "alice", "alice", "chacha20-poly1305");
        Path proxyYaml = worlds.world().dir().resolve("proxy.yaml");
        String original = Files.readString(proxyYaml);

        Files.writeString(proxyYaml, original.replace("tun-name: braidp0", "tun-name: braidp9"));
        Netns.Result refused = Braid.reload(net.proxySocket());
        assertFalse(refused.ok(), refused.output());
        assertTrue(refused.output().contains("reload refused: proxy.tun-name cannot change at run time"), refused.output());

        Files.writeString(proxyYaml, original + "logging:\n  level: debug\n");
        Netns.Result applied = Braid.reload(net.proxySocket());
        assertTrue(applied.ok() && applied.output().contains("reloaded: logging.level info -> debug"), applied.output());

        net.user("carol"); // `braid user add` while the proxy runs: the watch picks it up
        net.proxy().awaitLog("reloaded: users: added carol", RELOADED);

        alice.hangup();
        alice.awaitLog("reload (SIGHUP): reloaded: nothing changed", RELOADED);
        net.pingServer(0);
        assertTrue(alice.process().isAlive() && net.proxy().process().isAlive());
        assertTrue(Braid.status(net.proxySocket()).contains("(alice, "));
    }

    @Test
    @Timeout(150)
    void aRunningClientTakesNewProbeIntervalsAndKeepsItsSession() throws Exception {
        ProxyTopology net = ProxyTopology.build(worlds.world(), 1).user("alice");
        net.startProxy(true, "  plugins: [nat-probe]");
        BraidProcess alice = net.startClient(0, "alice", "alice", ProxyTopology.PASSWORD, "chacha20-poly1305",
                "  plugins: [nat-probe]", "links:\n  - name: eth0");
        alice.awaitLog("tunnel up", ProxyTopology.STARTUP);
        Path clientYaml = worlds.world().dir().resolve("alice.yaml");
        String original = Files.readString(clientYaml);

        Files.writeString(clientYaml, original + "nat-probe:\n  idle-interval: 5s\n  fast-interval: 100ms\n");
        Netns.Result applied = Braid.reload(net.clientSocket("alice"));
        assertTrue(applied.ok() && applied.output().contains("reloaded: nat-probe.idle-interval 15s -> 5s, "
                + "nat-probe.fast-interval 150ms -> 100ms (each link from its next probe)"), applied.output());

        Files.writeString(clientYaml, original + "nat-probe:\n  idle-interval: 5s\n  fast-interval: 100ms\n  proxy-liveness: false\n");
        Netns.Result refused = Braid.reload(net.clientSocket("alice"));
        assertFalse(refused.ok(), refused.output());
        assertTrue(refused.output().contains("reload refused: nat-probe.proxy-liveness cannot change at run time (restart "
                + "braid client to apply it; only logging.level, links (added or removed by name; a kept link's priority,"
                + " max-rate and data cap), nat-probe's probe intervals and the users file reload)"),
                refused.output());

        net.pingServer(0);
        assertEquals(1, alice.log().split("tunnel up", -1).length - 1, "the session stayed:\n" + alice.log());
    }

    @Test
    @Timeout(150)
    void aRunningClientAddsAndRemovesLinksByNameAndKeepsItsSession() throws Exception {
        ProxyTopology net = ProxyTopology.build(worlds.world(), 1).user("alice");
        net.startProxy(true, "");
        String wired = "links:\n  - name: wired\n    interface: eth0\n";
        String spare = "  - name: spare\n    interface: eth1\n    proxy: " + ProxyTopology.secondProxyAddress(0) + ":"
                + ProxyTopology.PORT + "\n";
        BraidProcess alice = net.startClient(0, "alice", "alice", ProxyTopology.PASSWORD, "chacha20-poly1305", "", wired);
        alice.awaitLog("tunnel up", ProxyTopology.STARTUP);
        net.addSecondLink(0);
        Path clientYaml = worlds.world().dir().resolve("alice.yaml");
        String original = Files.readString(clientYaml);

        Files.writeString(clientYaml, original + spare);
        Netns.Result added = Braid.reload(net.clientSocket("alice"));
        assertTrue(added.ok() && added.output().contains("reloaded: links: added spare"), added.output());
        World.await("link spare in the proxy's session", RELOADED,
                () -> Braid.status(net.proxySocket()).contains("spare"));

        Files.writeString(clientYaml, original.replace("interface: eth0", "interface: eth9") + spare);
        Netns.Result refused = Braid.reload(net.clientSocket("alice"));
        assertFalse(refused.ok(), refused.output());
        assertTrue(refused.output().contains("reload refused: links: link wired's interface, local-address or proxy"
                + " cannot change at run time"), refused.output());

        Files.writeString(clientYaml, original);
        Netns.Result removed = Braid.reload(net.clientSocket("alice"));
        assertTrue(removed.ok() && removed.output().contains("reloaded: links: removed spare"), removed.output());
        World.await("link spare gone from the client's status", RELOADED,
                () -> !Braid.status(net.clientSocket("alice")).contains("spare"));

        net.pingServer(0);
        assertEquals(1, alice.log().split("tunnel up", -1).length - 1, "the session stayed:\n" + alice.log());
    }
}
