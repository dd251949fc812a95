package dev.braid.testbed.netns;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Client namespace(s) --veth-- proxy namespace --veth-- server namespace, with a real braid proxy
 * and clients. Addresses: client i on 10.201.(10+i).2/24 (the proxy on .1 of that net), or with
 * {@link #buildIpv6} only fd00:201:(10+i)::2/64 (the proxy on ::1); the server on 10.201.2.2/24
 * behind the proxy's 10.201.2.1, the client pool 10.77.0.0/24. The server routes the pool back
 * via the proxy (no SNAT), the proxy namespace forwards. The proxy listens on [::], both families.
 */
public final class ProxyTopology {
    public static final String SERVER = "10.201.2.2";
    public static final String SERVER_NET = "10.201.2.0/24";
    /** The proxy's address on the server's net (what the server sees with SNAT). */
    public static final String PROXY_SERVER_SIDE = "10.201.2.1";
    public static final String POOL = "10.77.0.0/24";
    public static final int PORT = 7600;
    public static final String PASSWORD = "correct horse battery";
    public static final Duration STARTUP = Duration.ofSeconds(40);
    /** id, name, remote, state, packets out of a link row in the status table. */
    private static final Pattern LINK_ROW = Pattern.compile("^\\s+\\d+\\s+(\\S+)\\s+\\S+\\s+(\\S+)\\s+(\\d+)",
            Pattern.MULTILINE);

    private final World world;
    private final Braid braid;
    private final Netns proxyNs;
    private final Netns serverNs;
    private final List<Netns> clientNs = new ArrayList<>();
    private final Path users;
    private final boolean ipv6Clients;
    private BraidProcess proxy;

    private ProxyTopology(World world, int clients, boolean serverRoutesPoolBack, boolean ipv6Clients) {
        this.ipv6Clients = ipv6Clients;
        this.world = world;
        this.braid = new Braid(world);
        this.proxyNs = world.namespace("proxy");
        this.serverNs = world.namespace("server");
        world.veth(proxyNs, "srv0", PROXY_SERVER_SIDE + "/24", serverNs, "eth0", SERVER + "/24");
        if (serverRoutesPoolBack) {
            serverNs.run("ip", "route", "add", POOL, "via", PROXY_SERVER_SIDE);
        }
        proxyNs.run("sysctl", "-q", "-w", "net.ipv4.ip_forward=1");
        for (int i = 0; i < clients; i++) {
            Netns ns = world.namespace("client" + i);
            if (ipv6Clients) {
                world.veth(ns, "eth0", clientAddress6(i) + "/64", proxyNs, "cl" + i, proxyAddress6(i) + "/64");
            } else {
                world.veth(ns, "eth0", clientAddress(i) + "/24", proxyNs, "cl" + i, proxyAddress(i) + "/24");
            }
            clientNs.add(ns);
        }
        this.users = world.dir().resolve("users");
    }

    /** Builds the namespaces and links for {@code clients} client namespaces (no processes yet). */
    public static ProxyTopology build(World world, int clients) {
        return new ProxyTopology(world, clients, true, false);
    }

    /** As {@link #build}, but each client reaches the proxy only over IPv6: its veth has no IPv4 address. */
    public static ProxyTopology buildIpv6(World world, int clients) {
        return new ProxyTopology(world, clients, true, true);
    }

    /** As {@link #build}, but the server has no route to the pool: only SNAT on the proxy lets it answer. */
    public static ProxyTopology buildWithoutRouteBack(World world, int clients) {
        return new ProxyTopology(world, clients, false, false);
    }

    public static String clientAddress(int client) {
        return "10.201." + (10 + client) + ".2";
    }

    public static String proxyAddress(int client) {
        return "10.201." + (10 + client) + ".1";
    }

    public static String clientAddress6(int client) {
        return "fd00:201:" + (10 + client) + "::2";
    }

    public static String proxyAddress6(int client) {
        return "fd00:201:" + (10 + client) + "::1";
    }

    /** The {@code proxy:} of client {@code client}: {@code 10.201.10.1:7600}, or {@code "[fd00:201:10::1]:7600"}. */
    public String proxyHostPort(int client) {
        return ipv6Clients ? "\"[" + proxyAddress6(client) + "]:" + PORT + "\"" : proxyAddress(client) + ":" + PORT;
    }

    public Braid braid() {
        return braid;
    }

    public Netns proxyNs() {
        return proxyNs;
    }

    public Netns serverNs() {
        return serverNs;
    }

    public Netns clientNs(int client) {
        return clientNs.get(client);
    }

    public BraidProcess proxy() {
        return proxy;
    }

    public Path proxySocket() {
        return world.dir().resolve("proxy.sock");
    }

    public Path clientSocket(String name) {
        return world.dir().resolve(name + ".sock");
    }

    /** The proxy's users file. */
    public Path usersFile() {
        return users;
    }

    /** Adds {@code user} with {@link #PASSWORD} to the proxy's users file. */
    public ProxyTopology user(String user) throws IOException {
        braid.addUser(users, user, PASSWORD);
        return this;
    }

    /**
     * Starts the proxy (listening on every address of its namespace) and waits until it listens.
     * {@code extraYaml} is appended to the config as is (lines indented by two spaces continue the
     * {@code proxy:} section, unindented ones start new sections).
     */
    public BraidProcess startProxy(boolean requireEncryption, String extraYaml) throws IOException, InterruptedException {
        Path config = braid.config("proxy.yaml", String.join("\n",
                "proxy:",
                "  listen: \"[::]:" + PORT + "\"",
                "  users: " + users,
                "  tun-name: braidp0",
                "  client-pool: " + POOL,
                "  require-encryption: " + requireEncryption,
                "  control-socket: " + proxySocket(),
                extraYaml, ""));
        proxy = braid.proxy(proxyNs, "proxy", config);
        proxy.awaitLog("proxy listening on", STARTUP);
        return proxy;
    }

    /**
     * Starts a client named {@code name} in client namespace {@code client} (TUN "braidc" + client,
     * the server's net routed into the tunnel, one unbound link). Does not wait.
     */
    public BraidProcess startClient(int client, String name, String user, String password, String encryption)
            throws IOException {
        return startClient(client, name, user, password, encryption, "", "links:\n  - name: eth0");
    }

    /**
     * As {@link #startClient(int, String, String, String, String)} with {@code extraClientYaml}
     * appended to the {@code client:} section and {@code linksYaml} as the links section.
     */
    public BraidProcess startClient(int client, String name, String user, String password, String encryption,
            String extraClientYaml, String linksYaml) throws IOException {
        return startClient(clientNs.get(client), proxyHostPort(client), "braidc" + client, name, user,
                password, encryption, extraClientYaml, linksYaml);
    }

    /**
     * A client in any namespace of the world: its {@code proxy:} is {@code proxyHostPort}, its TUN
     * {@code tunName}, the server's net routed into the tunnel.
     */
    public BraidProcess startClient(Netns ns, String proxyHostPort, String tunName, String name, String user,
            String password, String encryption, String extraClientYaml, String linksYaml) throws IOException {
        return startClient(ns, proxyHostPort, tunName, name, user, password, encryption, SERVER_NET, extraClientYaml,
                linksYaml);
    }

    /** As above with the client's {@code routes:} given, e.g. {@code "10.201.2.0/24, fd00:201:2::/64"}. */
    public BraidProcess startClient(Netns ns, String proxyHostPort, String tunName, String name, String user,
            String password, String encryption, String routes, String extraClientYaml, String linksYaml)
            throws IOException {
        Path config = braid.config(name + ".yaml", String.join("\n",
                "client:",
                "  proxy: " + proxyHostPort,
                "  user: " + user,
                "  encryption: " + encryption,
                "  tun-name: " + tunName,
                "  routes: [" + routes + "]",
                "  login-timeout: " + STARTUP.toSeconds() + "s",
                "  control-socket: " + clientSocket(name),
                extraClientYaml,
                linksYaml,
                ""));
        return braid.client(ns, name, config, braid.passwordFile(name + ".pw", password));
    }

    /**
     * A second veth between client namespace {@code client} (eth1, 10.201.(20+client).2) and the
     * proxy ({@code secondProxyAddress(client)}), for a second link.
     */
    public void addSecondLink(int client) {
        world.veth(clientNs.get(client), "eth1", "10.201." + (20 + client) + ".2/24",
                proxyNs, "cl" + client + "b", secondProxyAddress(client) + "/24");
    }

    /** As {@link #addSecondLink}, over IPv6 only: eth1 fd00:201:(20+client)::2/64, the proxy on ::1. */
    public void addSecondLinkIpv6(int client) {
        world.veth(clientNs.get(client), "eth1", "fd00:201:" + (20 + client) + "::2/64",
                proxyNs, "cl" + client + "b", secondProxyAddress6(client) + "/64");
    }

    /** Limits both links of client 0 (after {@link #addSecondLink}) to {@code rate} each way, by kernel tbf. */
    public void limitTwoLinks(String rate) {
        clientNs(0).limitRate("eth0", rate);
        clientNs(0).limitRate("eth1", rate);
        proxyNs().limitRate("cl0", rate);
        proxyNs().limitRate("cl0b", rate);
    }

    public static String secondProxyAddress(int client) {
        return "10.201." + (20 + client) + ".1";
    }

    public static String secondProxyAddress6(int client) {
        return "fd00:201:" + (20 + client) + "::1";
    }

    /** The links section of client 0 after {@link #addSecondLink}: a on eth0, b on eth1 to the proxy's second address. */
    public static String twoLinks() {
        return twoLinks(secondProxyAddress(0) + ":" + PORT);
    }

    /** As {@link #twoLinks()} after {@link #addSecondLinkIpv6}: link b goes to the proxy's IPv6 address. */
    public static String twoLinksSecondIpv6() {
        return twoLinks("\"[" + secondProxyAddress6(0) + "]:" + PORT + "\"");
    }

    private static String twoLinks(String secondProxy) {
        return String.join("\n",
                "links:",
                "  - name: a",
                "    interface: eth0",
                "  - name: b",
                "    interface: eth1",
                "    proxy: " + secondProxy);
    }

    /**
     * Starts the proxy and, in client namespace 0, a client "client" of alice, both with the
     * multilink plugin, over {@code linksYaml} (two links); waits until both links are joined.
     */
    public BraidProcess startMultilinkClient(String linksYaml) throws IOException, InterruptedException {
        startProxy(true, "  plugins: [multilink]");
        BraidProcess client = startClient(0, "client", "alice", PASSWORD, "chacha20-poly1305",
                "  plugins: [multilink]", linksYaml);
        awaitTwoLinks(client);
        return client;
    }

    /** Waits until {@code client} has its tunnel up over both links of {@link #twoLinks()} with multilink. */
    public static void awaitTwoLinks(BraidProcess client) throws InterruptedException {
        client.awaitLog("tunnel up", STARTUP);
        if (!client.log().contains("over 2 link(s), data path multilink")) {
            throw new AssertionError("not over both links with multilink:\n" + client.log());
        }
        World.await("link b joined", STARTUP, () -> client.log().contains("link b joined"));
    }

    /**
     * The links of a {@code braid status} table that are up and have sent packets, by name ("  1  b
     * [fd00:201:20::1]:7600  up  PKTS-OUT ...").
     */
    public static List<String> linksUpAndUsed(String status) {
        Matcher row = LINK_ROW.matcher(status);
        List<String> links = new ArrayList<>();
        while (row.find()) {
            if (row.group(2).equals("up") && Long.parseLong(row.group(3)) > 0) {
                links.add(row.group(1));
            }
        }
        return links;
    }

    /** Starts a client with the right password and waits for "tunnel up". */
    public BraidProcess connectClient(int client, String name, String user, String encryption)
            throws IOException, InterruptedException {
        BraidProcess process = startClient(client, name, user, PASSWORD, encryption);
        process.awaitLog("tunnel up", STARTUP);
        return process;
    }

    /** Starts a client in namespace {@code client} with these {@code routes:} and waits for "tunnel up". */
    public BraidProcess connectClientWithRoutes(int client, String name, String user, String routes)
            throws IOException, InterruptedException {
        BraidProcess process = startClient(clientNs.get(client), proxyHostPort(client), "braidc" + client,
                name, user, PASSWORD, "chacha20-poly1305", routes, "", "links:\n  - name: eth0");
        process.awaitLog("tunnel up", STARTUP);
        return process;
    }

    /** Pings the server from client namespace {@code client} through the tunnel; fails with the output if lost. */
    public String pingServer(int client) {
        Netns.Result result = clientNs.get(client).exec(Duration.ofSeconds(15),
                "ping", "-c", "3", "-i", "0.2", "-W", "3", SERVER);
        if (!result.ok()) {
            throw new AssertionError("ping " + SERVER + " from " + clientNs.get(client).name() + " failed:\n" + result.output()
                    + "\nroutes:\n" + clientNs.get(client).exec(Duration.ofSeconds(5), "ip", "route").output());
        }
        return result.output();
    }
}
