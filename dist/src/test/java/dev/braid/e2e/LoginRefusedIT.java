package dev.braid.e2e;

import dev.braid.testbed.netns.*;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Logins the proxy refuses: the client process exits non-zero with one clear line, no TUN is left. */
class LoginRefusedIT {
    @RegisterExtension
    final WorldExtension worlds = new WorldExtension();

    @Test
    @Timeout(90)
    void wrongPasswordExitsNonZeroWithTheReason() throws Exception {
        ProxyTopology net = ProxyTopology.build(worlds.world(), 1).user("alice");
        net.startProxy(true, "");
        BraidProcess client = net.startClient(0, "client", "alice", "not the password", "chacha20-poly1305");

        int exit = client.awaitExit(Duration.ofSeconds(40));
        assertNotEquals(0, exit, client.log());
        assertTrue(client.log().contains("authentication failed for user alice"), client.log());
        assertTrue(net.clientNs(0).tunDevices().isEmpty(), "no TUN after a refused login");
        assertTrue(net.proxy().log().contains("authentication failed for user alice"), net.proxy().log());
        assertTrue(Braid.status(net.proxySocket()).contains("sessions 0/"));
    }

    @Test
    @Timeout(90)
    void noEncryptionIsRefusedByAProxyThatRequiresIt() throws Exception {
        ProxyTopology net = ProxyTopology.build(worlds.world(), 1).user("alice");
        net.startProxy(true, "");
        BraidProcess client = net.startClient(0, "client", "alice", ProxyTopology.PASSWORD, "none");

        int exit = client.awaitExit(Duration.ofSeconds(40));
        assertNotEquals(0, exit, client.log());
        assertTrue(client.log().contains("proxy requires encryption"), client.log());
        assertTrue(net.clientNs(0).tunDevices().isEmpty(), "no TUN after a refused login");
    }
}
