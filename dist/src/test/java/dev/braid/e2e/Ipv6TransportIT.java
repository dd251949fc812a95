package dev.braid.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.braid.testbed.netns.Braid;
import dev.braid.testbed.netns.BraidProcess;
import dev.braid.testbed.netns.Iperf;
import dev.braid.testbed.netns.Netns;
import dev.braid.testbed.netns.ProxyTopology;
import dev.braid.testbed.netns.World;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * IPv6 under the tunnel: the links' UDP runs over IPv6 paths (the tunnel inside still carries
 * IPv4). A client whose only path to the proxy is IPv6 ({@code links: auto} finds its IPv6-only
 * interface), and a client with one IPv4 link and one IPv6 link to the same proxy, both used.
 * The proxy listens on {@code [::]}, one socket for both families.
 */
class Ipv6TransportIT {
    @RegisterExtension
    final WorldExtension worlds = new WorldExtension("ping", "iperf3", "ss");

    @Test
    @Timeout(120)
    void aClientReachesTheProxyOnlyOverIpv6() throws Exception {
        World world = worlds.world();
        ProxyTopology net = ProxyTopology.buildIpv6(world, 1).user("alice");
        Netns clientNs = net.clientNs(0);
        assertFalse(clientNs.run("ip", "-4", "addr", "show", "dev", "eth0").contains("inet "), "eth0 has no IPv4");
        BraidProcess proxy = net.startProxy(true, "");
        assertTrue(proxy.log().contains("proxy listening on [::]:" + ProxyTopology.PORT + " (IPv4 and IPv6;"),
                proxy.log());
        BraidProcess client = net.startClient(0, "client", "alice", ProxyTopology.PASSWORD, "chacha20-poly1305", "",
                "links: auto");
        client.awaitLog("tunnel up", ProxyTopology.STARTUP);
        assertTrue(client.log().contains("link eth0 (id 0) on [::]"), client.log());

        net.pingServer(0);
        Iperf.Report tcp = Iperf.run(world, clientNs, net.serverNs(), ProxyTopology.SERVER, 3, null);
        System.out.println("[e2e] IPv4 in the tunnel over an IPv6 path: " + tcp);
        assertTrue(tcp.receiverBitsPerSecond() > 0, tcp.toString());

        String status = Braid.status(net.proxySocket());
        assertTrue(status.contains("[" + ProxyTopology.clientAddress6(0) + "]:"), "the link's IPv6 remote:\n" + status);
        assertTrue(status.contains("[::]:" + ProxyTopology.PORT), status);
        String clientStatus = Braid.status(net.clientSocket("client"));
        assertEquals(List.of("eth0"), ProxyTopology.linksUpAndUsed(clientStatus), clientStatus);
        assertTrue(clientStatus.contains("[" + ProxyTopology.proxyAddress6(0) + "]:" + ProxyTopology.PORT), clientStatus);

        Netns.Result check = Braid.configCheck(world.dir().resolve("client.yaml"));
        assertTrue(check.ok() && check.output().contains("ok (client config)"), check.output());
    }

    @Test
    @Timeout(120)
    void oneIpv4LinkAndOneIpv6LinkToTheSameProxyBothCarryTraffic() throws Exception {
        World world = worlds.world();
        ProxyTopology net = ProxyTopology.build(world, 1).user("alice");
        net.addSecondLinkIpv6(0);
        net.startMultilinkClient(ProxyTopology.twoLinksSecondIpv6());

        net.pingServer(0);
        Iperf.Report tcp = Iperf.run(world, net.clientNs(0), net.serverNs(), ProxyTopology.SERVER, 3, null);
        Iperf.Report udp = Iperf.run(world, net.clientNs(0), net.serverNs(), ProxyTopology.SERVER, 3, "20M");
        System.out.println("[e2e] multilink over an IPv4 and an IPv6 link: " + tcp + "; " + udp);
        assertTrue(tcp.receiverBitsPerSecond() > 0 && udp.receiverBitsPerSecond() > 0, tcp + "; " + udp);

        String status = Braid.status(net.clientSocket("client"));
        System.out.println("[e2e] client status, mixed families:\n" + status);
        assertEquals(List.of("a", "b"), ProxyTopology.linksUpAndUsed(status).stream().sorted().toList(),
                "both links up and used:\n" + status);
        String proxyStatus = Braid.status(net.proxySocket());
        assertTrue(proxyStatus.contains(ProxyTopology.clientAddress(0) + ":")
                && proxyStatus.contains("[fd00:201:20::2]:"), "one IPv4 and one IPv6 remote:\n" + proxyStatus);
    }
}
