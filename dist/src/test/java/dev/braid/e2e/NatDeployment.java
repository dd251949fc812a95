package dev.braid.e2e;

import dev.braid.core.lifecycle.ControlSocket;
import dev.braid.core.testing.Prerequisites;
import dev.braid.testbed.netns.Braid;
import dev.braid.testbed.netns.BraidProcess;
import dev.braid.testbed.netns.Netns;
import dev.braid.testbed.netns.World;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A real-world deployment in namespaces: a client with two interfaces (eth-a, eth-b), each behind
 * its own NAT box (nftables masquerade, conntrack UDP timeout {@link #CONNTRACK_UDP_TIMEOUT_S} s),
 * a proxy with one public address reached over both, and a server behind the proxy that has no
 * route to the client pool (only the proxy's SNAT lets it answer).
 *
 * <pre>
 * client eth-a 10.210.1.2 -- 10.210.1.1 nat-a 10.210.11.2 -- 10.210.11.1 wan-a \
 *                                                                            proxy 10.210.100.1 (lo) srv0 10.210.3.1 -- 10.210.3.2 server
 * client eth-b 10.210.2.2 -- 10.210.2.1 nat-b 10.210.12.2 -- 10.210.12.1 wan-b /
 * </pre>
 * Links are bound to their interface (SO_BINDTODEVICE), so each interface has its own route to
 * the proxy's address (metric 10 via nat-a, 20 via nat-b). Each interface and each NAT box's LAN
 * side is limited to {@link #RATE} with a kernel tbf.
 */
final class NatDeployment {
    static final String PROXY_PUBLIC = "10.210.100.1";
    static final int PORT = 7600;
    static final String SERVER = "10.210.3.2";
    static final String SERVER_NET = "10.210.3.0/24";
    static final String PROXY_SERVER_SIDE = "10.210.3.1";
    /** A second address of the proxy on the server's net, for the proxy's own (not rewritten) traffic. */
    static final String PROXY_OWN_SOURCE = "10.210.3.3";
    static final String POOL = "10.78.0.0/24";
    static final int RATE_MBIT = 10;
    static final String RATE = RATE_MBIT + "mbit";
    static final int CONNTRACK_UDP_TIMEOUT_S = 10;
    static final int HTTP_PORT = 8080;
    static final String PASSWORD = "correct horse battery";
    static final Duration STARTUP = Duration.ofSeconds(40);
    /** The NAT boxes' own nftables table (not Braid's). */
    static final String NAT_TABLE = "natbox";

    /** "  0    a   /10.210.11.2:41000   up   PKTS-OUT BYTES-OUT PKTS-IN BYTES-IN ..." in the status table. */
    private static final Pattern LINK_ROW = Pattern.compile(
            "^\\s+(\\d+)\\s+(\\S+)\\s+(\\S+)\\s+(up|DOWN)\\s+(\\d+)\\s+(\\d+)\\s+(\\d+)\\s+(\\d+)", Pattern.MULTILINE);
    private static final Pattern SESSION = Pattern.compile("session (\\d+) \\(");
    private static final Pattern MASQUERADE_COUNTER = Pattern.compile("counter packets (\\d+) bytes \\d+ masquerade");
    private static final Pattern MULTILINK_SENT = Pattern.compile("multilink (\\S+): .* sent (\\d+) ");

    /** One row of a status table. */
    record LinkRow(int id, String name, String remote, boolean up, long packetsOut, long packetsIn) {
        int remotePort() {
            return Integer.parseInt(remote.substring(remote.lastIndexOf(':') + 1));
        }
    }

    final World world;
    final Braid braid;
    final Netns client;
    final Netns natA;
    final Netns natB;
    final Netns proxyNs;
    final Netns server;
    private final Path users;
    private int runs;
    BraidProcess proxy;
    BraidProcess braidClient;

    NatDeployment(World world) {
        this.world = world;
        this.braid = new Braid(world);
        client = world.namespace("client");
        natA = world.namespace("nat-a");
        natB = world.namespace("nat-b");
        proxyNs = world.namespace("proxy");
        server = world.namespace("server");
        users = world.dir().resolve("users");

        world.veth(client, "eth-a", "10.210.1.2/24", natA, "lan", "10.210.1.1/24");
        world.veth(client, "eth-b", "10.210.2.2/24", natB, "lan", "10.210.2.1/24");
        world.veth(natA, "wan", "10.210.11.2/24", proxyNs, "wan-a", "10.210.11.1/24");
        world.veth(natB, "wan", "10.210.12.2/24", proxyNs, "wan-b", "10.210.12.1/24");
        world.veth(proxyNs, "srv0", PROXY_SERVER_SIDE + "/24", server, "eth0", SERVER + "/24");
        proxyNs.run("ip", "addr", "add", PROXY_OWN_SOURCE + "/24", "dev", "srv0");

        // The proxy's one public address; its answers leave with it as source (prefsrc), as the
        // NAT boxes' conntrack expects.
        proxyNs.run("ip", "addr", "add", PROXY_PUBLIC + "/32", "dev", "lo");
        proxyNs.run("ip", "route", "replace", "10.210.11.0/24", "dev", "wan-a", "proto", "kernel", "scope", "link",
                "src", PROXY_PUBLIC);
        proxyNs.run("ip", "route", "replace", "10.210.12.0/24", "dev", "wan-b", "proto", "kernel", "scope", "link",
                "src", PROXY_PUBLIC);

        natBox(natA, "10.210.11.1");
        natBox(natB, "10.210.12.1");
        clientRoute("eth-a");
        clientRoute("eth-b");

        client.limitRate("eth-a", RATE);
        client.limitRate("eth-b", RATE);
        natA.limitRate("lan", RATE);
        natB.limitRate("lan", RATE);
    }

    private static void natBox(Netns nat, String proxyGateway) {
        nat.run("sysctl", "-q", "-w", "net.ipv4.ip_forward=1");
        nat.run("ip", "route", "add", PROXY_PUBLIC + "/32", "via", proxyGateway);
        nftScript(nat, String.join("\n",
                "table ip " + NAT_TABLE + " {",
                "  chain masq { type nat hook postrouting priority 100; policy accept;",
                "    oifname \"wan\" counter masquerade",
                "  }",
                "  chain cutoff { type filter hook forward priority 0; policy accept; }",
                "}", ""));
        // Per namespace once conntrack is loaded: short UDP timeouts, as on a stingy home router.
        nat.run("sysctl", "-q", "-w", "net.netfilter.nf_conntrack_udp_timeout=" + CONNTRACK_UDP_TIMEOUT_S);
        nat.run("sysctl", "-q", "-w", "net.netfilter.nf_conntrack_udp_timeout_stream=" + CONNTRACK_UDP_TIMEOUT_S);
    }

    /** The route of one client interface to the proxy (also after the interface came back up). */
    void clientRoute(String device) {
        String gateway = device.equals("eth-a") ? "10.210.1.1" : "10.210.2.1";
        String metric = device.equals("eth-a") ? "10" : "20";
        client.run("ip", "route", "replace", PROXY_PUBLIC + "/32", "via", gateway, "dev", device, "metric", metric);
    }

    static String nftScript(Netns ns, String script) {
        try {
            Path file = Files.createTempFile("braid-nft", ".nft");
            try {
                Files.writeString(file, script);
                return ns.run("nft", "-f", file.toString());
            } finally {
                Files.deleteIfExists(file);
            }
        } catch (IOException e) {
            throw new AssertionError(e);
        }
    }

    /** Packets that created a new mapping (NAT rules see only a connection's first packet). */
    static long newMappings(Netns nat) {
        String chain = nat.run("nft", "list", "chain", "ip", NAT_TABLE, "masq");
        Matcher m = MASQUERADE_COUNTER.matcher(chain);
        long packets = 0;
        boolean any = false;
        while (m.find()) {
            packets += Long.parseLong(m.group(1));
            any = true;
        }
        if (!any) {
            throw new AssertionError("no masquerade counter in " + nat.name() + ":\n" + chain);
        }
        return packets;
    }

    /** Cuts (or restores) everything the NAT box forwards. */
    static void cut(Netns nat, boolean cut) {
        if (cut) {
            nat.run("nft", "add", "rule", "ip", NAT_TABLE, "cutoff", "counter", "drop");
        } else {
            nat.run("nft", "flush", "chain", "ip", NAT_TABLE, "cutoff");
        }
    }

    /** A NAT rebinding: new mappings take ports from {@code range}, and the old ones are forgotten. */
    static void rebind(Netns nat, String range) {
        nftScript(nat, String.join("\n",
                "flush chain ip " + NAT_TABLE + " masq",
                "add rule ip " + NAT_TABLE + " masq oifname \"wan\" meta l4proto udp counter masquerade to :" + range,
                "add rule ip " + NAT_TABLE + " masq oifname \"wan\" counter masquerade", "")); // one transaction
        nat.run("conntrack", "-F");
    }

    // ---------------------------------------------------------------- braid

    /** Checks what the deployment needs (a missing tool fails under CI=true, naming it), then builds it. */
    static void requirePrerequisites(String... tools) {
        Prerequisites.ofThisRun().root("builds network namespaces, veths and TUN devices").tools(tools)
                .file(Path.of("/dev/net/tun"));
    }

    /** Builds the namespaces and starts the servers, the proxy and the client. */
    static NatDeployment started(World world) throws IOException, InterruptedException {
        NatDeployment net = new NatDeployment(world);
        net.startServers();
        net.startProxy();
        net.startClient();
        return net;
    }

    void startServers() throws IOException, InterruptedException {
        Path site = world.dir().resolve("site");
        Files.createDirectories(site);
        Files.writeString(site.resolve("hello.txt"), "hello through braid\n");
        world.start(server, "http-server.log", "timeout", "600", "python3", "-u", "-m", "http.server",
                String.valueOf(HTTP_PORT), "--bind", SERVER, "--directory", site.toString());
        world.start(server, "iperf3-server.log", "timeout", "600", "iperf3", "-s", "-B", SERVER, "--forceflush");
        World.await("HTTP and iperf3 servers listening", Duration.ofSeconds(15), () -> {
            String listening = server.exec(Duration.ofSeconds(5), "ss", "-Hltn").output();
            return listening.contains(":" + HTTP_PORT) && listening.contains(":5201");
        });
    }

    BraidProcess startProxy() throws IOException, InterruptedException {
        if (!Files.exists(users)) {
            braid.addUser(users, "alice", PASSWORD);
        }
        Path config = braid.config("proxy.yaml", String.join("\n",
                "proxy:",
                "  listen: 0.0.0.0:" + PORT,
                "  users: " + users,
                "  tun-name: braidp0",
                "  client-pool: " + POOL,
                "  require-encryption: true",
                "  control-socket: " + proxySocket(),
                "  plugins: [multilink, nat-probe, snat]",
                "snat:",
                "  egress-interface: srv0",
                ""));
        proxy = braid.proxy(proxyNs, "proxy" + (runs == 0 ? "" : "-" + runs), config);
        proxy.awaitLog("proxy listening on", STARTUP);
        return proxy;
    }

    /**
     * The client: two links bound to eth-a and eth-b, nat-probe keeping mappings open every 3 s
     * (under the 10 s conntrack timeout); the core's own keepalive is set long so that only the
     * probes do it.
     */
    BraidProcess startClient() throws IOException, InterruptedException {
        String name = "client" + (runs == 0 ? "" : "-" + runs);
        Path config = braid.config(name + ".yaml", String.join("\n",
                "client:",
                "  proxy: " + PROXY_PUBLIC + ":" + PORT,
                "  user: alice",
                "  encryption: chacha20-poly1305",
                "  tun-name: braidc0",
                "  routes: [" + SERVER_NET + "]",
                "  login-timeout: 15s",
                "  keepalive: 60s",
                "  proxy-dead-after: 120s",
                "  control-socket: " + clientSocket(),
                "  plugins: [multilink, nat-probe]",
                "links:",
                "  - name: a",
                "    interface: eth-a",
                "  - name: b",
                "    interface: eth-b",
                "nat-probe:",
                "  idle-interval: 3s",
                ""));
        braidClient = braid.client(client, name, config, braid.passwordFile("alice.pw", PASSWORD));
        braidClient.awaitLog("tunnel up", STARTUP);
        World.await("both links in the proxy's status", STARTUP, () -> {
            List<LinkRow> rows = links(proxyStatus());
            return rows.stream().anyMatch(r -> r.name().equals("a")) && rows.stream().anyMatch(r -> r.name().equals("b"));
        });
        return braidClient;
    }

    /** Next start writes fresh logs (a restart after a stop or a kill). */
    void nextRun() {
        runs++;
    }

    Path proxySocket() {
        return world.dir().resolve("proxy.sock");
    }

    Path clientSocket() {
        return world.dir().resolve("client.sock");
    }

    String proxyStatus() {
        return status(proxySocket());
    }

    String clientStatus() {
        return status(clientSocket());
    }

    /** What `braid status --socket S` prints, asked directly (a JVM per question would be slow). */
    static String status(Path socket) {
        try {
            return ControlSocket.request(socket, "status");
        } catch (IOException e) {
            return "status unavailable: " + e;
        }
    }

    static List<LinkRow> links(String status) {
        List<LinkRow> rows = new ArrayList<>();
        Matcher m = LINK_ROW.matcher(status);
        while (m.find()) {
            rows.add(new LinkRow(Integer.parseInt(m.group(1)), m.group(2), m.group(3), m.group(4).equals("up"),
                    Long.parseLong(m.group(5)), Long.parseLong(m.group(7))));
        }
        return rows;
    }

    static LinkRow link(String status, String name) {
        return links(status).stream().filter(r -> r.name().equals(name)).findFirst()
                .orElseThrow(() -> new AssertionError("no link " + name + " in status:\n" + status));
    }

    static boolean hasLink(String status, String name) {
        return links(status).stream().anyMatch(r -> r.name().equals(name));
    }

    /** Data packets the multilink scheduler sent on link {@code name} (probes and acks not counted). */
    static long dataSent(String status, String name) {
        Matcher m = MULTILINK_SENT.matcher(status);
        while (m.find()) {
            if (m.group(1).equals(name)) {
                return Long.parseLong(m.group(2));
            }
        }
        throw new AssertionError("no multilink figures for link " + name + " in status:\n" + status);
    }

    static String sessionId(String status) {
        Matcher m = SESSION.matcher(status);
        if (!m.find()) {
            throw new AssertionError("no session in status:\n" + status);
        }
        return m.group(1);
    }

    static int count(String text, String needle) {
        int n = 0;
        for (int i = text.indexOf(needle); i >= 0; i = text.indexOf(needle, i + 1)) {
            n++;
        }
        return n;
    }

    /** GETs the test page from the server through the tunnel. */
    Netns.Result curl(Netns from, String... extra) {
        List<String> command = new ArrayList<>(List.of("curl", "-sS", "-m", "5"));
        command.addAll(List.of(extra));
        command.add("http://" + SERVER + ":" + HTTP_PORT + "/hello.txt");
        return from.exec(Duration.ofSeconds(10), command.toArray(String[]::new));
    }

    /** Starts an iperf3 client against the server; its JSON report goes to {@code logName}. */
    Process iperf(String logName, int seconds, String... extra) throws IOException {
        List<String> command = new ArrayList<>(List.of("timeout", String.valueOf(seconds + 20), "iperf3", "-c", SERVER,
                "-t", String.valueOf(seconds), "--json", "--connect-timeout", "5000"));
        command.addAll(List.of(extra));
        return world.start(client, logName, command.toArray(String[]::new));
    }

    /** Runs iperf3 to the end. @return its JSON report; fails when it did not complete */
    String iperfToEnd(String logName, int seconds, String... extra) throws IOException, InterruptedException {
        Process run = iperf(logName, seconds, extra);
        return awaitIperf(run, logName, seconds);
    }

    String awaitIperf(Process run, String logName, int seconds) throws InterruptedException {
        if (!run.waitFor(seconds + 25L, java.util.concurrent.TimeUnit.SECONDS)) {
            throw new AssertionError("iperf3 did not finish: " + world.log(logName));
        }
        if (run.exitValue() != 0) {
            throw new AssertionError("iperf3 exited " + run.exitValue() + ":\n" + world.log(logName));
        }
        return world.log(logName);
    }
}
