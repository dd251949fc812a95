package dev.braid.e2e;

import dev.braid.testbed.netns.*;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The multilink plugin over two real links (two veths, each limited to 10 Mbit/s both ways by a
 * kernel tbf): both links join, ping works, and iperf3 TCP and UDP numbers are printed. No
 * throughput is asserted beyond "data arrived" (no timed performance assertions); the aggregation
 * benchmark is the place to judge the numbers.
 */
class MultilinkIT {
    private static final String RATE = "10mbit";

    @RegisterExtension
    final WorldExtension worlds = new WorldExtension("iperf3", "ping", "ss", "tc");

    @Test
    @Timeout(120)
    void twoLinksJoinAndCarryTraffic() throws Exception {
        World world = worlds.world();
        ProxyTopology net = ProxyTopology.build(world, 1).user("alice");
        net.addSecondLink(0);
        net.limitTwoLinks(RATE);
        net.startMultilinkClient(ProxyTopology.twoLinks());

        net.pingServer(0);
        Iperf.Report tcp = Iperf.run(world, net.clientNs(0), net.serverNs(), ProxyTopology.SERVER, 5, null);
        Iperf.Report udp = Iperf.run(world, net.clientNs(0), net.serverNs(), ProxyTopology.SERVER, 5, "18M");
        System.out.println("[e2e] multilink 2 x " + RATE + ": " + tcp);
        System.out.println("[e2e] multilink 2 x " + RATE + ": " + udp);
        assertTrue(tcp.receiverBitsPerSecond() > 0, tcp.toString());
        assertTrue(udp.receiverBitsPerSecond() > 0, udp.toString());

        String status = Braid.status(net.clientSocket("client"));
        System.out.println("[e2e] client status after multilink runs:\n" + status);
        assertTrue(ProxyTopology.linksUpAndUsed(status).size() == 2, "both links up and used:\n" + status);
    }
}
