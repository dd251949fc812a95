package dev.braid.e2e;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.braid.testbed.netns.Braid;
import dev.braid.testbed.netns.BraidProcess;
import dev.braid.testbed.netns.Iperf;
import dev.braid.testbed.netns.Netns;
import dev.braid.testbed.netns.ProxyTopology;
import dev.braid.testbed.netns.World;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * IPv6 inside the tunnel, with real processes, kernel TUNs and nftables in namespaces: a proxy
 * with a client-pool6 and the snat plugin, a client routing the server's IPv6 net into the
 * tunnel, and a server behind the proxy with no route back to the pool (only the ip6 SNAT table
 * lets it answer). And the no-leak case: a full IPv4 tunnel to a proxy without a pool6 takes the
 * client's IPv6 off its native route while it runs, and gives it back when it ends.
 */
class Ipv6TunnelIT {
    private static final String POOL6 = "fd00:77::/64";
    private static final String PROXY_TUNNEL6 = "fd00:77::1";
    private static final String CLIENT_TUNNEL6 = "fd00:77::2";
    private static final String SERVER_NET6 = "fd00:201:2::/64";
    private static final String SERVER6 = "fd00:201:2::2";
    private static final String PROXY_SERVER_SIDE6 = "fd00:201:2::1";
    private static final int HTTP_PORT = 8080;

    @RegisterExtension
    final WorldExtension worlds = new WorldExtension("ping", "iperf3", "curl", "python3", "nft", "ss");

    @Test
    @Timeout(150)
    void pingIperfAndCurlOverIpv6ThroughTheTunnelAndSnat() throws Exception {
        World world = worlds.world();
        ProxyTopology net = ProxyTopology.buildWithoutRouteBack(world, 1).user("alice");
        net.proxyNs().run("ip", "-6", "addr", "add", PROXY_SERVER_SIDE6 + "/64", "dev", "srv0", "nodad");
        net.serverNs().run("ip", "-6", "addr", "add", SERVER6 + "/64", "dev", "eth0", "nodad");
        BraidProcess proxy = net.startProxy(true, String.join("\n",
                "  client-pool6: " + POOL6,
                "  plugins: [snat]",
                "snat:",
                "  egress-interface: srv0"));
        String tables = net.proxyNs().run("nft", "list", "tables");
        assertTrue(tables.contains("table ip braid_snat") && tables.contains("table ip6 braid_snat"), tables);
        BraidProcess client = net.connectClientWithRoutes(0, "client", "alice",
                ProxyTopology.SERVER_NET + ", " + SERVER_NET6);
        assertTrue(client.log().contains(CLIENT_TUNNEL6 + "/64"), client.log());
        assertTrue(net.clientNs(0).run("ip", "-6", "addr", "show", "dev", "braidc0").contains(CLIENT_TUNNEL6 + "/64"));

        // both ways between the tunnel's ends, then to the server behind the proxy
        ping6(net.clientNs(0), PROXY_TUNNEL6);
        ping6(net.proxyNs(), CLIENT_TUNNEL6);
        ping6(net.clientNs(0), SERVER6);
        net.pingServer(0); // IPv4 beside it

        Iperf.Report tcp = Iperf.run(world, net.clientNs(0), net.serverNs(), SERVER6, 5, null);
        System.out.println("[e2e] IPv6 in the tunnel: " + tcp);
        assertTrue(tcp.receiverBitsPerSecond() > 0, tcp.toString());

        Process http = world.start(net.serverNs(), "http.log", "timeout", "60", "python3", "-u", "-m", "http.server",
                "--bind", SERVER6, String.valueOf(HTTP_PORT));
        World.await("the HTTP server listening", Duration.ofSeconds(10), () -> !http.isAlive()
                || !net.serverNs().exec(Duration.ofSeconds(5), "ss", "-Hltn", "sport = :" + HTTP_PORT).output().isBlank());
        Netns.Result curl = net.clientNs(0).exec(Duration.ofSeconds(20), "curl", "-6", "-sS", "-o", "/dev/null",
                "-w", "%{http_code}", "--max-time", "10", "http://[" + SERVER6 + "]:" + HTTP_PORT + "/");
        assertTrue(curl.ok() && curl.output().contains("200"), curl.output());
        // the server saw the proxy's address, not the pool's: the ip6 table masqueraded
        World.await("the request logged", Duration.ofSeconds(10), () -> world.log("http.log").contains("GET /"));
        assertTrue(world.log("http.log").contains(PROXY_SERVER_SIDE6 + " - -"), world.log("http.log"));

        String status = Braid.status(net.proxySocket());
        assertTrue(status.contains("(alice, 10.77.0.2, " + CLIENT_TUNNEL6 + ")"), status);

        client.terminate();
        proxy.terminate();
        String after = net.proxyNs().run("nft", "list", "tables");
        assertFalse(after.contains("braid_snat"), after);
        assertTrue(net.proxyNs().run("sysctl", "-n", "net.ipv6.conf.all.forwarding").strip().equals("0"),
                "IPv6 forwarding restored");
    }

    @Test
    @Timeout(150)
    void multilinkStripesAnIpv6FlowOverTwoLinksAndKeysItByItsIpv6Tuple() throws Exception {
        World world = worlds.world();
        ProxyTopology net = ProxyTopology.build(world, 1).user("alice");
        net.addSecondLink(0);
        net.proxyNs().run("ip", "-6", "addr", "add", PROXY_SERVER_SIDE6 + "/64", "dev", "srv0", "nodad");
        net.serverNs().run("ip", "-6", "addr", "add", SERVER6 + "/64", "dev", "eth0", "nodad");
        net.serverNs().run("ip", "-6", "route", "add", POOL6, "via", PROXY_SERVER_SIDE6);
        net.proxyNs().run("sysctl", "-q", "-w", "net.ipv6.conf.all.forwarding=1");
        net.startProxy(true, String.join("\n", "  client-pool6: " + POOL6, "  plugins: [multilink]"));
        BraidProcess client = net.startClient(net.clientNs(0), ProxyTopology.proxyAddress(0) + ":" + ProxyTopology.PORT,
                "braidc0", "client", "alice", ProxyTopology.PASSWORD, "chacha20-poly1305", SERVER_NET6,
                "  plugins: [multilink]", ProxyTopology.twoLinks());
        ProxyTopology.awaitTwoLinks(client);

        ping6(net.clientNs(0), SERVER6); // the server answers the pool6 directly: routed back, no SNAT
        Iperf.Report tcp = Iperf.run(world, net.clientNs(0), net.serverNs(), SERVER6, 5, null);
        System.out.println("[e2e] IPv6 over multilink, 2 links: " + tcp);
        assertTrue(tcp.receiverBitsPerSecond() > 0, tcp.toString());
        // the flow table keyed the upload by its IPv6 5-tuple
        String json = Braid.statusJson(net.clientSocket("client"));
        assertTrue(json.contains("tcp [" + CLIENT_TUNNEL6 + "]:") && json.contains(" > [" + SERVER6 + "]:5201"), json);
    }

    @Test
    @Timeout(120)
    void aFullIpv4TunnelWithoutPool6KeepsIpv6FromLeakingAndGivesItBackOnExit() throws Exception {
        World world = worlds.world();
        ProxyTopology net = ProxyTopology.build(world, 1).user("alice");
        Netns clientNs = net.clientNs(0);
        // a native IPv6 path from the client via the proxy's namespace to the server: what could leak
        clientNs.run("ip", "-6", "addr", "add", "fd00:201:10::2/64", "dev", "eth0", "nodad");
        net.proxyNs().run("ip", "-6", "addr", "add", "fd00:201:10::1/64", "dev", "cl0", "nodad");
        net.proxyNs().run("ip", "-6", "addr", "add", PROXY_SERVER_SIDE6 + "/64", "dev", "srv0", "nodad");
        net.serverNs().run("ip", "-6", "addr", "add", SERVER6 + "/64", "dev", "eth0", "nodad");
        net.proxyNs().run("sysctl", "-q", "-w", "net.ipv6.conf.all.forwarding=1");
        clientNs.run("ip", "-6", "route", "add", "default", "via", "fd00:201:10::1");
        net.serverNs().run("ip", "-6", "route", "add", "fd00:201:10::/64", "via", PROXY_SERVER_SIDE6);
        ping6(clientNs, SERVER6); // natively, before the tunnel

        net.startProxy(true, "");
        BraidProcess client = net.connectClientWithRoutes(0, "client", "alice", "0.0.0.0/1, 128.0.0.0/1");
        assertTrue(clientNs.run("ip", "-6", "route", "get", SERVER6).contains("dev braidc0"),
                clientNs.run("ip", "-6", "route"));
        Netns.Result leaked = clientNs.exec(Duration.ofSeconds(10), "ping", "-6", "-c", "2", "-W", "1", SERVER6);
        assertFalse(leaked.ok(), "IPv6 left beside the full tunnel:\n" + leaked.output());
        String status = Braid.status(net.clientSocket("client"));
        assertTrue(status.contains("no-ipv6="), status);
        net.pingServer(0); // IPv4 goes through the tunnel

        client.terminate();
        String routes = clientNs.run("ip", "-6", "route");
        assertFalse(routes.contains("::/1") || routes.contains("8000::/1"), routes);
        ping6(clientNs, SERVER6); // native again
    }

    private static void ping6(Netns from, String to) {
        Netns.Result result = from.exec(Duration.ofSeconds(15), "ping", "-6", "-c", "3", "-i", "0.2", "-W", "3", to);
        if (!result.ok()) {
            throw new AssertionError("ping -6 " + to + " from " + from.name() + " failed:\n" + result.output()
                    + "\nroutes:\n" + from.exec(Duration.ofSeconds(5), "ip", "-6", "route").output());
        }
    }
}
