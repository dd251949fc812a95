package dev.braid.e2e;

import dev.braid.testbed.netns.*;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Two clients in two namespaces, two users, one proxy: both reach the server at once. */
class TwoClientsIT {
    @RegisterExtension
    final WorldExtension worlds = new WorldExtension("ping");

    @Test
    @Timeout(120)
    void bothClientsPingTheServerAndTheProxyShowsTwoSessions() throws Exception {
        ProxyTopology net = ProxyTopology.build(worlds.world(), 2).user("alice").user("bob");
        net.startProxy(true, "");
        BraidProcess alice = net.startClient(0, "alice", "alice", ProxyTopology.PASSWORD, "chacha20-poly1305");
        BraidProcess bob = net.startClient(1, "bob", "bob", ProxyTopology.PASSWORD, "aes-256-gcm");
        alice.awaitLog("tunnel up", ProxyTopology.STARTUP);
        bob.awaitLog("tunnel up", ProxyTopology.STARTUP);
        assertNotEquals(alice.tunnelAddress(), bob.tunnelAddress(), "each client has its own pool address");

        net.pingServer(0);
        net.pingServer(1);

        String status = Braid.status(net.proxySocket());
        System.out.println("[e2e] proxy status with two clients:\n" + status);
        assertTrue(status.contains("sessions 2/"), status);
        assertTrue(status.contains("(alice, ") && status.contains("(bob, "), status);
        String clientStatus = Braid.status(net.clientSocket("bob"));
        assertTrue(clientStatus.contains("bob"), clientStatus);

        // The configs these processes run with pass `braid config check` too.
        Netns.Result proxyCheck = Braid.configCheck(worlds.world().dir().resolve("proxy.yaml"));
        assertTrue(proxyCheck.ok() && proxyCheck.output().contains("ok (proxy config)"), proxyCheck.output());
        Netns.Result clientCheck = Braid.configCheck(worlds.world().dir().resolve("alice.yaml"));
        assertTrue(clientCheck.ok() && clientCheck.output().contains("ok (client config)"), clientCheck.output());
    }
}
