package dev.braid.e2e;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.braid.testbed.netns.BraidProcess;
import dev.braid.testbed.netns.ProxyTopology;
import dev.braid.testbed.netns.World;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * A client with no routes of its own reaches the server through the route the proxy pushes, and
 * its on-up hook sees the pushed DNS server and search domain; when the client stops, the route
 * is gone with its TUN.
 */
class PushedConfigIT {
    @RegisterExtension
    final WorldExtension worlds = new WorldExtension("ping");

    @Test
    @Timeout(90)
    void pushedRoutesAndDnsReachTheClient() throws Exception {
        World world = worlds.world();
        Path up = world.dir().resolve("up.txt");
        ProxyTopology net = ProxyTopology.build(world, 1).user("alice");
        net.startProxy(true, String.join("\n",
                "  push-routes: [" + ProxyTopology.SERVER_NET + "]",
                "  push-dns: [10.201.2.53]",
                "  push-domains: [corp.example]"));
        BraidProcess client = net.startClient(net.clientNs(0), ProxyTopology.proxyAddress(0) + ":" + ProxyTopology.PORT,
                "braidc0", "client", "alice", ProxyTopology.PASSWORD, "chacha20-poly1305", "",
                "  on-up: 'echo \"dns $BRAID_DNS domains $BRAID_DOMAINS routes $BRAID_ROUTES\" > " + up + "'",
                "links:\n  - name: eth0");
        client.awaitLog("tunnel up", ProxyTopology.STARTUP);
        assertTrue(net.clientNs(0).run("ip", "route", "show", "dev", "braidc0").contains(ProxyTopology.SERVER_NET),
                net.clientNs(0).run("ip", "route") + "\n" + client.log());
        net.pingServer(0);
        World.await("on-up ran", Duration.ofSeconds(10), () -> world.log("up.txt").startsWith("dns "));
        assertTrue(world.log("up.txt").contains("dns 10.201.2.53 domains corp.example routes " + ProxyTopology.SERVER_NET),
                world.log("up.txt"));
        World.await("the pushed DNS tried", Duration.ofSeconds(10), () -> client.log().contains("pushed DNS"));

        // Undone at exit: the pushed route (and any DNS set on the TUN's link) goes with the TUN.
        client.terminate();
        String routes = net.clientNs(0).run("ip", "route");
        assertFalse(routes.contains(ProxyTopology.SERVER_NET), "the pushed route outlived the client:\n" + routes);
        assertFalse(net.clientNs(0).run("ip", "link").contains("braidc0"), "the TUN outlived the client");
    }
}
