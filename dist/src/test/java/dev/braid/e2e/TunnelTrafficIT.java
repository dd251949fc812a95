package dev.braid.e2e;

import dev.braid.testbed.netns.*;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Real braid proxy and client processes with kernel TUNs in namespaces: ping and 5 s iperf3 TCP
 * and UDP runs from the client namespace to a server behind the proxy, with and without
 * encryption. Throughput is printed, only asserted to be non-zero (no timed performance checks).
 */
class TunnelTrafficIT {
    @RegisterExtension
    final WorldExtension worlds = new WorldExtension("iperf3", "ping", "ss");

    @ParameterizedTest(name = "encryption {0}")
    @ValueSource(strings = {"chacha20-poly1305", "none"})
    @Timeout(120)
    void pingAndIperfReachTheServerThroughTheTunnel(String encryption) throws Exception {
        World world = worlds.world();
        ProxyTopology net = ProxyTopology.build(world, 1).user("alice");
        net.startProxy(!encryption.equals("none"), "");
        BraidProcess client = net.connectClient(0, "client", "alice", encryption);
        assertTrue(client.log().contains("encryption " + encryption), client.log());
        assertTrue(net.clientNs(0).tunDevices().contains("braidc0"), "client TUN braidc0 exists");

        String ping = net.pingServer(0);
        System.out.println("[e2e] encryption " + encryption + ": ping " + ping.substring(ping.indexOf("---")).replace('\n', ' '));

        Iperf.Report tcp = Iperf.run(world, net.clientNs(0), net.serverNs(), ProxyTopology.SERVER, 5, null);
        Iperf.Report udp = Iperf.run(world, net.clientNs(0), net.serverNs(), ProxyTopology.SERVER, 5, "20M");
        System.out.println("[e2e] encryption " + encryption + ": " + tcp);
        System.out.println("[e2e] encryption " + encryption + ": " + udp);
        assertTrue(tcp.receiverBitsPerSecond() > 0, tcp.toString());
        assertTrue(udp.receiverBitsPerSecond() > 0, udp.toString());

        String status = Braid.status(net.proxySocket());
        System.out.println("[e2e] proxy status:\n" + status);
        assertTrue(status.contains("sessions 1/"), status);
        assertTrue(status.contains("(alice, 10.77.0."), status);
    }
}
