package dev.braid.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.braid.testbed.netns.BraidProcess;
import dev.braid.testbed.netns.ProxyTopology;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * With {@code address-leases}, a user keeps its address across a proxy restart: alice logged in
 * second (the pool's second address) and gets that address again when she is the first to log in
 * to the restarted proxy, which would otherwise hand her the first one.
 */
class AddressLeasesIT {
    @RegisterExtension
    final WorldExtension worlds = new WorldExtension("ping");

    @Test
    @Timeout(120)
    void aUserKeepsItsAddressAcrossAProxyRestart() throws Exception {
        ProxyTopology net = ProxyTopology.build(worlds.world(), 2).user("alice").user("bob");
        Path leases = worlds.world().dir().resolve("leases");
        String leasesYaml = "  address-leases: " + leases;
        BraidProcess proxy = net.startProxy(true, leasesYaml);
        BraidProcess bob = net.connectClient(1, "bob", "bob", "chacha20-poly1305");
        BraidProcess alice = net.connectClient(0, "alice", "alice", "chacha20-poly1305");
        String aliceAddress = alice.tunnelAddress();
        assertTrue(!aliceAddress.equals(bob.tunnelAddress()), "two addresses");
        alice.terminate();
        bob.terminate();
        proxy.terminate();
        String written = Files.readString(leases);
        assertTrue(written.contains("alice " + aliceAddress + "\n"), written);

        BraidProcess restarted = net.startProxy(true, leasesYaml);
        assertTrue(restarted.log().contains("address leases: 2 user(s) from " + leases), restarted.log());
        BraidProcess aliceAgain = net.connectClient(0, "alice-again", "alice", "chacha20-poly1305");
        assertEquals(aliceAddress, aliceAgain.tunnelAddress(), "alice's address after the restart:\n" + restarted.log());
        net.pingServer(0);
    }
}
