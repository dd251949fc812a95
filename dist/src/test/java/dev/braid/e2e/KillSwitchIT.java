package dev.braid.e2e;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.braid.testbed.netns.BraidProcess;
import dev.braid.testbed.netns.Netns;
import dev.braid.testbed.netns.ProxyTopology;
import dev.braid.testbed.netns.World;
import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The client's kill-switch against a real leak path: the client namespace also has a route to the
 * server's net beside the tunnel (via its own interface, metric 500, so the TUN's route wins while
 * it is there). First the leak path is shown to work; then, with the client running and its TUN
 * route gone (as in the gap while a TUN is made anew) and the proxy stopped, nothing reaches the
 * server and the kill-switch counts what it rejected; after the client stops, its table is gone
 * and the leak path works again.
 */
class KillSwitchIT {
    private static final String TABLE = "braid_killswitch_braidc0";
    private static final Pattern COUNTER = Pattern.compile("counter packets (\\d+)");

    @RegisterExtension
    final WorldExtension worlds = new WorldExtension("ping", "nft");

    @Test
    @Timeout(120)
    void nothingForTheRoutesLeavesBesideTheTunnelWhileTheClientRuns() throws Exception {
        ProxyTopology net = ProxyTopology.build(worlds.world(), 1).user("alice");
        Netns client = net.clientNs(0);
        String clientNet = ProxyTopology.clientAddress(0).replaceAll("\\.\\d+$", ".0/24");
        net.serverNs().run("ip", "route", "add", clientNet, "via", ProxyTopology.PROXY_SERVER_SIDE);
        client.run("ip", "route", "add", ProxyTopology.SERVER_NET, "via", ProxyTopology.proxyAddress(0), "metric", "500");
        assertTrue(ping(client).ok(), "the leak path itself works:\n" + ping(client).output());

        net.startProxy(true, "");
        BraidProcess braid = net.startClient(0, "client", "alice", ProxyTopology.PASSWORD, "chacha20-poly1305",
                "  kill-switch: true", "links:\n  - name: eth0");
        braid.awaitLog("tunnel up", ProxyTopology.STARTUP);
        assertTrue(braid.log().contains("kill-switch on: nftables table inet " + TABLE), braid.log());
        net.pingServer(0); // through the tunnel: the tunnel's own datagrams pass

        net.proxy().terminate();
        client.run("ip", "route", "del", ProxyTopology.SERVER_NET, "dev", "braidc0");
        String route = client.run("ip", "route", "get", ProxyTopology.SERVER);
        assertTrue(route.contains("dev eth0"), "the leak route is the one left: " + route);
        Netns.Result blocked = ping(client);
        System.out.println("[e2e] kill-switch, proxy down and TUN route gone: " + blocked.output().lines()
                .filter(l -> l.contains("packet loss") || l.contains("prohibited") || l.contains("not permitted"))
                .findFirst().orElse(blocked.output()));
        assertFalse(blocked.ok(), "a ping left beside the tunnel:\n" + blocked.output());
        long rejected = rejectedPackets(client);
        assertTrue(rejected >= 3, "the kill-switch counted " + rejected + " rejected packets");

        braid.terminate();
        assertTrue(braid.log().contains("kill-switch off: nftables table inet " + TABLE + " deleted"), braid.log());
        assertFalse(client.run("nft", "list", "tables").contains(TABLE), "the table stays after the client stopped");
        assertTrue(ping(client).ok(), "after the client stopped the leak path works again");
    }

    private static Netns.Result ping(Netns ns) {
        return ns.exec(Duration.ofSeconds(15), "ping", "-n", "-c", "3", "-i", "0.2", "-W", "1", ProxyTopology.SERVER);
    }

    /** The output chain's reject counter (the one for IPv4 routes). */
    private static long rejectedPackets(Netns ns) {
        String chain = ns.run("nft", "list", "chain", "inet", TABLE, "output");
        Matcher m = COUNTER.matcher(chain);
        long packets = 0;
        while (m.find()) {
            packets += Long.parseLong(m.group(1));
        }
        return packets;
    }
}
