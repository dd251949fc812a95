package dev.braid.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.braid.testbed.netns.Braid;
import dev.braid.testbed.netns.BraidProcess;
import dev.braid.testbed.netns.Iperf;
import dev.braid.testbed.netns.Netns;
import dev.braid.testbed.netns.ProxyTopology;
import dev.braid.testbed.netns.World;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * client --veth-- router --veth (router side MTU 1280)-- proxy --veth-- server: the path MTU is
 * 1280 though both ends' interfaces carry 1500, and the router sends no "fragmentation needed"
 * (nft drops it), so only probing finds it. The client's link probes, lowers its TUN and MSS clamp
 * to 1280 - 56 = 1224 and reports to the proxy, which clamps the server's SYNs alike; TCP then
 * runs both ways through the tunnel and not one IP fragment crosses the router. Then the router's
 * MTU goes back to 1500: the next search (every 10 s here) raises the tunnel MTU to the configured
 * 1400, and the same TCP runs give the comparison: the path is shaped (tbf, 40 Mbit/s each way), and
 * the 1280 path must carry at least 85 % of what it carries at 1500. Last, the fragment counter is
 * shown to count, with pings the client fragments itself.
 */
class PathMtuIT {
    private static final int PATH_MTU = 1280;
    private static final String RATE = "40mbit";
    /** Single data path over IPv4: outer IP 20 + UDP 8 + Braid header 12 + tag 16. */
    private static final int TUNNEL_MTU = PATH_MTU - 56;
    private static final String CLIENT = "10.201.40.2";
    private static final String ROUTER_CLIENT_SIDE = "10.201.40.1";
    private static final String ROUTER_PROXY_SIDE = "10.201.41.2";
    private static final String PROXY = "10.201.41.1";
    private static final String RULES = String.join("\n",
            "table inet braid_pmtu_it {",
            "  counter fragments {}",
            "  counter icmp_blocked {}",
            "  chain forward {",
            "    type filter hook forward priority 0; policy accept;",
            "    ip frag-off & 0x3fff != 0 counter name fragments",
            "    exthdr frag exists counter name fragments",
            "  }",
            "  chain output {",
            "    type filter hook output priority 0; policy accept;",
            "    icmp type destination-unreachable icmp code frag-needed counter name icmp_blocked drop",
            "    icmpv6 type packet-too-big counter name icmp_blocked drop",
            "  }",
            "}", "");
    private static final Pattern PACKETS = Pattern.compile("packets (\\d+)");

    @RegisterExtension
    final WorldExtension worlds = new WorldExtension("nft", "iperf3", "ss", "timeout", "tc", "ping");

    @Test
    @Timeout(150)
    void probingFindsA1280PathWithoutIcmpAndTcpCrossesItWhole() throws Exception {
        World world = worlds.world();
        ProxyTopology net = ProxyTopology.build(world, 0).user("alice");
        Netns router = world.namespace("router");
        Netns client = world.namespace("client");
        world.veth(client, "eth0", CLIENT + "/24", router, "down0", ROUTER_CLIENT_SIDE + "/24");
        world.veth(router, "up0", ROUTER_PROXY_SIDE + "/24", net.proxyNs(), "rt0", PROXY + "/24");
        router.run("ip", "link", "set", "up0", "mtu", String.valueOf(PATH_MTU));
        // A shaped path, so that "full rate" is the shaper's, not what a busy machine's CPU allows.
        router.limitRate("up0", RATE);
        net.proxyNs().limitRate("rt0", RATE);
        router.run("sysctl", "-q", "-w", "net.ipv4.ip_forward=1");
        client.run("ip", "route", "add", "10.201.41.0/24", "via", ROUTER_CLIENT_SIDE);
        net.proxyNs().run("ip", "route", "add", "10.201.40.0/24", "via", ROUTER_PROXY_SIDE);
        Path rules = world.dir().resolve("router.nft");
        Files.writeString(rules, RULES);
        router.run("nft", "-f", rules.toString()); // gone with the router namespace

        BraidProcess proxy = net.startProxy(true, "");
        BraidProcess braidClient = net.startClient(client, PROXY + ":" + ProxyTopology.PORT, "braidc0", "client",
                "alice", ProxyTopology.PASSWORD, "chacha20-poly1305", "  mtu-probe-interval: 10s",
                "links:\n  - name: a\n    interface: eth0");
        braidClient.awaitLog("tunnel up", ProxyTopology.STARTUP);
        String lowered = "link a: path MTU " + PATH_MTU + " (probed), tunnel MTU " + TUNNEL_MTU;
        World.await("the client's probe result", Duration.ofSeconds(30), () -> braidClient.log().contains(lowered));
        World.await("the proxy hearing the report", Duration.ofSeconds(10),
                () -> proxy.log().contains("path MTU " + PATH_MTU + " (reported), tunnel MTU " + TUNNEL_MTU));
        World.await("the client's TUN lowered", Duration.ofSeconds(10),
                () -> client.run("ip", "link", "show", "braidc0").contains("mtu " + TUNNEL_MTU + " "));

        String status = Braid.status(net.clientSocket("client"));
        assertTrue(status.contains("tunnel MTU " + TUNNEL_MTU), status);
        String json = Braid.statusJson(net.clientSocket("client"));
        assertTrue(json.contains("\"tunnel_mtu\" : " + TUNNEL_MTU) && json.contains("\"path_mtu\" : " + PATH_MTU), json);
        String proxyJson = Braid.statusJson(net.proxySocket());
        assertTrue(proxyJson.contains("\"tunnel_mtu\" : " + TUNNEL_MTU), proxyJson);

        long fragmentsBefore = counter(router, "fragments");
        Iperf.Report up = Iperf.run(world, client, net.serverNs(), ProxyTopology.SERVER, 5, null);
        Iperf.Report down = Iperf.run(world, net.serverNs(), client, braidClient.tunnelAddress(), 5, null);
        long fragments = counter(router, "fragments") - fragmentsBefore;
        long icmpBlocked = counter(router, "icmp_blocked");
        System.out.printf("[pmtu] path MTU %d found by probing, tunnel MTU %d; upstream %s; downstream %s;"
                + " IP fragments through the router %d, ICMP frag-needed blocked %d%n", PATH_MTU, TUNNEL_MTU, up, down,
                fragments, icmpBlocked);
        String diagnosis = "\nclient:\n" + braidClient.log() + "\nproxy:\n" + proxy.log();
        assertEquals(0, fragments, "IP fragments crossed the router" + diagnosis);

        router.run("ip", "link", "set", "up0", "mtu", "1500");
        String raised = "link a: path MTU 1500 (probed), tunnel MTU 1400";
        World.await("the next search finding 1500", Duration.ofSeconds(30), () -> braidClient.log().contains(raised));
        Iperf.Report wideUp = Iperf.run(world, client, net.serverNs(), ProxyTopology.SERVER, 5, null);
        Iperf.Report wideDown = Iperf.run(world, net.serverNs(), client, braidClient.tunnelAddress(), 5, null);
        System.out.printf("[pmtu] same path at MTU 1500 after the re-probe: tunnel MTU 1400, upstream %s; downstream %s%n",
                wideUp, wideDown);
        // Full rate: what the same shaped path carries at MTU 1500, less the bigger share of headers.
        assertTrue(up.receiverBitsPerSecond() > 0.85 * wideUp.receiverBitsPerSecond(), "upstream " + up + " vs " + wideUp);
        assertTrue(down.receiverBitsPerSecond() > 0.85 * wideDown.receiverBitsPerSecond(),
                "downstream " + down + " vs " + wideDown);

        // The fragment counter does count: pings the client itself fragments cross the router.
        long before = counter(router, "fragments");
        client.run("ping", "-c", "2", "-i", "0.2", "-s", "2000", "-M", "dont", PROXY);
        assertTrue(counter(router, "fragments") - before >= 4, "the router's fragment counter saw no fragments");
    }

    private static long counter(Netns ns, String name) {
        String listing = ns.run("nft", "list", "counter", "inet", "braid_pmtu_it", name);
        Matcher m = PACKETS.matcher(listing);
        if (!m.find()) {
            throw new AssertionError("no packet count in: " + listing);
        }
        return Long.parseLong(m.group(1));
    }
}
