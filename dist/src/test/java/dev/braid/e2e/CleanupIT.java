package dev.braid.e2e;

import dev.braid.testbed.netns.*;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Nothing is left behind: braid removes its TUNs on SIGTERM, a client killed with SIGKILL can be
 * started again, and {@link World#close()} removes namespaces and processes even mid-test.
 */
class CleanupIT {
    @RegisterExtension
    final WorldExtension worlds = new WorldExtension("ping");

    @Test
    @Timeout(120)
    void sigtermRemovesTunsAndProcesses() throws Exception {
        ProxyTopology net = ProxyTopology.build(worlds.world(), 1).user("alice");
        BraidProcess proxy = net.startProxy(true, "");
        BraidProcess client = net.connectClient(0, "client", "alice", "chacha20-poly1305");
        assertEquals(List.of("braidc0"), net.clientNs(0).tunDevices());
        assertEquals(List.of("braidp0"), net.proxyNs().tunDevices());

        client.terminate();
        proxy.terminate();

        assertTrue(client.log().contains("Closed TUN device braidc0"), client.log());
        assertEquals(List.of(), net.clientNs(0).tunDevices(), "client namespace TUNs after SIGTERM");
        assertEquals(List.of(), net.proxyNs().tunDevices(), "proxy namespace TUNs after SIGTERM");
        assertEquals(List.of(), net.clientNs(0).pids(), "processes in the client namespace");
        assertEquals(List.of(), net.proxyNs().pids(), "processes in the proxy namespace");
        assertFalse(client.process().isAlive() || proxy.process().isAlive());
    }

    @Test
    @Timeout(120)
    void aClientKilledWithSigkillComesUpAgain() throws Exception {
        ProxyTopology net = ProxyTopology.build(worlds.world(), 1).user("alice");
        net.startProxy(true, "");
        BraidProcess first = net.connectClient(0, "client", "alice", "chacha20-poly1305");
        net.pingServer(0);

        first.kill();
        // No shutdown hook ran; the kernel removes the non-persistent TUN with its last descriptor.
        World.await("braidc0 gone after SIGKILL", Duration.ofSeconds(10), () -> net.clientNs(0).tunDevices().isEmpty());

        BraidProcess second = net.connectClient(0, "client-again", "alice", "chacha20-poly1305");
        net.pingServer(0);
        assertEquals(List.of("braidc0"), net.clientNs(0).tunDevices());
        System.out.println("[e2e] proxy status after the client restart:\n" + Braid.status(net.proxySocket()));
        second.terminate();
    }

    @Test
    @Timeout(60)
    void closingTheWorldRemovesNamespacesAndProcessesEvenMidTest() throws Exception {
        World world = new World("close");
        Netns ns;
        Process sleeper;
        List<Netns> made;
        try {
            ns = world.namespace("close");
            world.veth(ns, "a0", "10.201.99.1/24", world.namespace("close-peer"), "b0", "10.201.99.2/24");
            sleeper = world.start(ns, "sleep.log", "sleep", "300");
            Netns target = ns;
            World.await("sleep in the namespace", Duration.ofSeconds(10), () -> !target.pids().isEmpty());
            made = world.namespaces();
        } finally {
            world.close(); // as a failing test would, with everything still running
        }
        assertFalse(sleeper.isAlive(), "process killed");
        assertEquals(2, made.size());
        for (Netns each : made) {
            assertFalse(each.exists(), each.name() + " deleted");
        }
    }
}
