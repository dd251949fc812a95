package dev.braid.e2e;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.braid.testbed.netns.*;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * A second client with a running one's TUN name is refused and the first keeps its tunnel; a link
 * whose interface does not exist yet is down in status and comes up when the interface appears.
 */
class GuardRailsIT {
    /** "  1    spare  /10.201.20.1:7600  up ..." : the link's row, up, in the status table. */
    private static final Pattern SPARE_UP = Pattern.compile("^\\s+\\d+\\s+spare\\s+\\S+\\s+up\\s", Pattern.MULTILINE);

    @RegisterExtension
    final WorldExtension worlds = new WorldExtension("ping");

    @Test
    @Timeout(120)
    void aSecondClientWithTheSameTunIsRefusedNamingThePidAndTheFirstKeepsItsTunnel() throws Exception {
        ProxyTopology net = ProxyTopology.build(worlds.world(), 1).user("alice");
        net.startProxy(true, "");
        BraidProcess first = net.connectClient(0, "first", "alice", "chacha20-poly1305");

        BraidProcess second = net.startClient(0, "second", "alice", ProxyTopology.PASSWORD, "chacha20-poly1305");
        assertNotEquals(0, second.awaitExit(Duration.ofSeconds(40)), second.log());
        String refusal = "TUN braidc0 is in use by braid process " + first.process().pid()
                + ": stop it first, or set tun-name to another name";
        assertTrue(second.log().contains(refusal), second.log());
        assertTrue(!second.log().contains("logging in as"), "refused before logging in:\n" + second.log());

        assertTrue(net.clientNs(0).tunDevices().contains("braidc0"), "the first client's TUN was deleted");
        net.pingServer(0);
        assertTrue(first.process().isAlive(), first.log());
    }

    @Test
    @Timeout(120)
    void aLinkWithoutItsInterfaceIsDownInStatusAndComesUpWhenTheInterfaceAppears() throws Exception {
        ProxyTopology net = ProxyTopology.build(worlds.world(), 1).user("alice");
        net.startProxy(true, "");
        BraidProcess client = net.startClient(0, "client", "alice", ProxyTopology.PASSWORD, "chacha20-poly1305", "",
                String.join("\n",
                        "links:",
                        "  - name: wired",
                        "    interface: eth0",
                        "  - name: spare",
                        "    interface: eth1",
                        "    proxy: " + ProxyTopology.secondProxyAddress(0) + ":" + ProxyTopology.PORT));
        client.awaitLog("tunnel up", ProxyTopology.STARTUP);
        assertTrue(client.log().contains("link spare is down: interface eth1: no such interface"), client.log());
        String status = Braid.status(net.clientSocket("client"));
        assertTrue(status.contains("spare") && status.contains("dev eth1") && status.contains("down (no such interface)"),
                status);

        JsonNode json = new ObjectMapper().readTree(Braid.statusJson(net.clientSocket("client")));
        assertEquals("spare", json.at("/waiting_links/0/name").asText(), json.toString());
        assertEquals("no such interface", json.at("/waiting_links/0/reason").asText(), json.toString());
        assertEquals("up", json.at("/sessions/0/links/0/state").asText(), json.toString());

        net.addSecondLink(0);
        World.await("link spare up in the client's status", Duration.ofSeconds(30),
                () -> SPARE_UP.matcher(Braid.status(net.clientSocket("client"))).find());
        assertTrue(!Braid.status(net.clientSocket("client")).contains("no such interface"));
        net.pingServer(0);
    }
}
