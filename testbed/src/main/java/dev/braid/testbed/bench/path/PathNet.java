package dev.braid.testbed.bench.path;

import dev.braid.testbed.bench.netns.IperfClient;
import dev.braid.testbed.bench.netns.TcpVariant;
import dev.braid.testbed.bench.netns.WireguardTunnel;
import dev.braid.testbed.netns.Braid;
import dev.braid.testbed.netns.BraidProcess;
import dev.braid.testbed.netns.Netns;
import dev.braid.testbed.netns.ProxyTopology;
import dev.braid.testbed.netns.World;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import java.util.stream.Stream;

/**
 * The path benchmark's world for one profile. Client namespace, a "wan" namespace, the proxy and
 * the server behind it. Every access link i is two veth pairs, client eth{i} - wan c{i} and wan
 * p{i} - proxy w{i}, and in each direction first a bottleneck (kernel tbf leaving the client's
 * eth{i} upwards, the proxy's w{i} downwards) and then the propagation path: the wan namespace
 * routes what arrives on c{i} into the TUN u{i} and what arrives on p{i} into d{i}, where one
 * {@code braid pathem} delays, jitters and drops it and hands it back to the kernel. All traffic
 * takes that path: Braid, WireGuard and plain IP alike.
 *
 * <p>A two-link profile has a third link, the reference: the summed rate on the best link's path.
 * Addresses: link i is 10.220.(10+i).0/24 on the client side (client .2, wan .1) and
 * 10.220.(20+i).0/24 on the proxy side (wan .1, proxy .2).
 */
public final class PathNet implements AutoCloseable {
    static final String CLIENT_TUN = "braidc0";

    private final World world;
    private final ProxyTopology net;
    private final Netns clientNs;
    private final Netns wan;
    private final PathProfile profile;
    private final List<PathLink> links;
    private final String encryption;
    private final List<String> multilinkOptions;
    private final IperfClient iperf;
    private final RateSchedule rates;
    /** Per link: the bottleneck up (leaving the client) and down (leaving the proxy). */
    private final List<List<Bottleneck>> bottlenecks;
    private final List<BraidProcess> braid = new ArrayList<>();
    private WireguardTunnel wireguard;
    private String directRoute;
    private String clientName;
    private int started;
    /** The running Braid's variant and links, so its proxy or client can be started again. */
    private TcpVariant braidVariant;
    private List<Integer> braidLinks;
    private boolean rebound;

    private PathNet(World world, ProxyTopology net, Netns clientNs, Netns wan, PathProfile profile, List<PathLink> links,
            List<List<Bottleneck>> bottlenecks, RateSchedule rates, String encryption, List<String> multilinkOptions) {
        this.bottlenecks = List.copyOf(bottlenecks);
        this.world = world;
        this.net = net;
        this.clientNs = clientNs;
        this.wan = wan;
        this.profile = profile;
        this.links = links;
        this.rates = rates;
        this.encryption = encryption;
        this.multilinkOptions = List.copyOf(multilinkOptions);
        this.iperf = new IperfClient(world, net.serverNs(), ProxyTopology.SERVER);
    }

    static String clientAddress(int link) {
        return "10.220." + (10 + link) + ".2";
    }

    static String proxyAddress(int link) {
        return "10.220." + (20 + link) + ".2";
    }

    private static String wanClientSide(int link) {
        return "10.220." + (10 + link) + ".1";
    }

    private static String wanProxySide(int link) {
        return "10.220." + (20 + link) + ".1";
    }

    /** Builds namespaces, bottlenecks, the path emulator and routes (closes everything if that fails). */
    public static PathNet build(PathProfile profile, String encryption, List<String> multilinkOptions, long seed)
            throws IOException, InterruptedException {
        World world = new World("pathbench");
        try {
            ProxyTopology net = ProxyTopology.build(world, 0).user("alice");
            Netns client = world.namespace("client");
            Netns wan = world.namespace("wan");
            List<PathLink> links = new ArrayList<>(profile.links());
            if (!profile.isSingleLink()) {
                links.add(profile.reference());
            }
            for (Netns ns : List.of(client, net.serverNs())) {
                // Every run starts cold: no ssthresh cached from the previous flow to this server.
                ns.run("sysctl", "-q", "-w", "net.ipv4.tcp_no_metrics_save=1");
            }
            for (String key : List.of("net.ipv4.ip_forward=1", "net.ipv4.conf.all.rp_filter=0",
                    "net.ipv4.conf.default.rp_filter=0")) {
                wan.run("sysctl", "-q", "-w", key);
            }
            net.serverNs().run("ip", "route", "add", "10.220.0.0/16", "via", ProxyTopology.PROXY_SERVER_SIDE);
            net.serverNs().run("ip", "route", "add", WireguardTunnel.TUNNEL_NET, "via", ProxyTopology.PROXY_SERVER_SIDE);
            List<RateSchedule.Stepped> stepped = new ArrayList<>();
            List<List<Bottleneck>> bottlenecks = new ArrayList<>();
            for (int i = 0; i < links.size(); i++) {
                world.veth(client, "eth" + i, clientAddress(i) + "/24", wan, "c" + i, wanClientSide(i) + "/24");
                world.veth(wan, "p" + i, wanProxySide(i) + "/24", net.proxyNs(), "w" + i, proxyAddress(i) + "/24");
                client.run("ip", "route", "add", "10.220." + (20 + i) + ".0/24", "via", wanClientSide(i), "dev", "eth" + i);
                net.proxyNs().run("ip", "route", "add", "10.220." + (10 + i) + ".0/24", "via", wanProxySide(i), "dev", "w" + i);
                Bottleneck up = Bottleneck.install(client, "eth" + i, links.get(i));
                Bottleneck down = Bottleneck.install(net.proxyNs(), "w" + i, links.get(i));
                bottlenecks.add(List.of(up, down));
                if (!links.get(i).rateStepsMbit().isEmpty()) {
                    stepped.add(new RateSchedule.Stepped(links.get(i), List.of(up, down)));
                }
            }
            // Plain IP (the direct variant) to the server leaves the wan side towards the best link's proxy end.
            wan.run("ip", "route", "add", ProxyTopology.SERVER_NET, "via", proxyAddress(profile.bestLink()));
            startPathEmulator(world, wan, links, seed);
            return new PathNet(world, net, client, wan, profile, links, bottlenecks, new RateSchedule(stepped), encryption,
                    multilinkOptions);
        } catch (IOException | InterruptedException | RuntimeException | Error e) {
            world.close();
            throw e;
        }
    }

    /** One pathem for every link's two directions, then the policy routes through its TUNs. */
    private static void startPathEmulator(World world, Netns wan, List<PathLink> links, long seed)
            throws IOException, InterruptedException {
        List<String> args = new ArrayList<>(List.of("pathem", "--seed", String.valueOf(seed)));
        for (int i = 0; i < links.size(); i++) {
            args.addAll(List.of("--path", "u" + i + "=" + links.get(i).pathemSpec(),
                    "--path", "d" + i + "=" + links.get(i).pathemSpec()));
        }
        Process process = world.start(wan, "pathem.log", Braid.command(args.toArray(String[]::new)).toArray(String[]::new));
        World.await("pathem ready", ProxyTopology.STARTUP, () -> !process.isAlive() || world.log("pathem.log").contains("pathem ready"));
        if (!process.isAlive()) {
            throw new IllegalStateException("pathem exited: " + world.log("pathem.log"));
        }
        for (int i = 0; i < links.size(); i++) {
            route(wan, "c" + i, "u" + i, 100 + i);
            route(wan, "p" + i, "d" + i, 200 + i);
        }
    }

    /** What arrives on {@code from} goes into the TUN {@code tun}; what the TUN hands back follows the main table. */
    private static void route(Netns wan, String from, String tun, int table) {
        wan.run("ip", "link", "set", tun, "txqueuelen", "10000", "up");
        wan.run("sysctl", "-q", "-w", "net.ipv4.conf." + tun + ".rp_filter=0");
        wan.run("ip", "route", "add", "default", "dev", tun, "table", String.valueOf(table));
        wan.run("ip", "rule", "add", "iif", from, "table", String.valueOf(table));
    }

    public PathProfile profile() {
        return profile;
    }

    /** Index of the reference link (the summed rate), or the only link of a one-link profile. */
    public int referenceLink() {
        return profile.isSingleLink() ? 0 : 2;
    }

    public IperfClient iperf() {
        return iperf;
    }

    public Netns clientNs() {
        return clientNs;
    }

    public World world() {
        return world;
    }

    /** The server's namespace (behind the proxy, at {@link ProxyTopology#SERVER}). */
    public Netns serverNs() {
        return net.serverNs();
    }

    /**
     * Cuts link {@code index} in both directions until the returned handle is closed: the wan
     * namespace drops what arrives from either end (an ip rule blackhole ahead of the path's
     * rules), so both ends keep carrier and only silence tells them, as on a real cut. The rules
     * live in the wan namespace and go with it if close is never reached.
     */
    public AutoCloseable cut(int index) {
        List<String> ends = List.of("c" + index, "p" + index);
        for (String end : ends) {
            wan.run("ip", "rule", "add", "iif", end, "blackhole", "priority", String.valueOf(10 + index));
        }
        return () -> ends.forEach(end -> wan.exec(Duration.ofSeconds(10), "ip", "rule", "del", "iif", end, "blackhole",
                "priority", String.valueOf(10 + index)));
    }

    /**
     * Drops {@code percent} of the datagrams at random on every access link, both ways, until the
     * returned handle is closed (an nftables table of the wan namespace, ahead of the path).
     */
    public AutoCloseable loss(int percent) throws IOException {
        String table = "braid_chaos_loss";
        nft(wan, "loss.nft", "table ip " + table + " {\n  chain pre {\n    type filter hook prerouting priority -300; policy accept;\n"
                + "    iifname { " + IntStream.range(0, links.size()).mapToObj(i -> "\"c" + i + "\", \"p" + i + "\"")
                        .collect(Collectors.joining(", "))
                + " } numgen random mod 100 < " + percent + " counter drop\n  }\n}\n");
        return () -> wan.exec(Duration.ofSeconds(10), "nft", "delete", "table", "ip", table);
    }

    /**
     * A NAT rebinding of link {@code index}: the client namespace source-NATs that link's UDP to
     * another port range (40000-40999 and 41000-41999 in turn) and forgets its UDP mappings, so
     * the proxy sees the link's datagrams from a new port, as when a home router or a carrier
     * NAT moves a mapping.
     */
    public void rebind(int index) throws IOException {
        String ports = rebound ? "41000-41999" : "40000-40999";
        rebound = !rebound;
        nft(clientNs, "rebind.nft", "table ip braid_chaos_nat\ndelete table ip braid_chaos_nat\n"
                + "table ip braid_chaos_nat {\n  chain post {\n    type nat hook postrouting priority srcnat; policy accept;\n"
                + "    oifname \"eth" + index + "\" meta l4proto udp snat to " + clientAddress(index) + ":" + ports + "\n  }\n}\n");
        clientNs.exec(Duration.ofSeconds(10), "conntrack", "-D", "-p", "udp");
    }

    private void nft(Netns ns, String fileName, String script) throws IOException {
        Path file = world.dir().resolve(fileName);
        Files.writeString(file, script);
        ns.run("nft", "-f", file.toString());
    }

    /** The bottlenecks a flow over {@code linkIndices} meets, by link name: leaving the client ({@code down} false) or the proxy. */
    public Map<String, Bottleneck> bottlenecks(List<Integer> linkIndices, boolean down) {
        Map<String, Bottleneck> byName = new LinkedHashMap<>();
        linkIndices.forEach(i -> byName.put(linkName(i), bottlenecks.get(i).get(down ? 1 : 0)));
        return byName;
    }

    /** Begins every changing rate at its first step again (call as a measured flow starts). */
    public void restartRates() {
        rates.restart();
    }

    /**
     * Starts {@code variant} over {@code linkIndices} and waits until every link of it carries
     * traffic: plain routing for {@code direct}, WireGuard or Braid (single: no multilink plugin).
     */
    public void start(TcpVariant variant, List<Integer> linkIndices) throws IOException, InterruptedException {
        stop();
        int first = linkIndices.get(0);
        if (variant.isDirect()) {
            directRoute = ProxyTopology.SERVER_NET;
            clientNs.run("ip", "route", "add", directRoute, "via", wanClientSide(first), "dev", "eth" + first);
        } else if (variant.isWireguard()) {
            wireguard = WireguardTunnel.start(world, clientNs, net.proxyNs(), ProxyTopology.PORT,
                    proxyAddress(first) + ":" + ProxyTopology.PORT, ProxyTopology.SERVER_NET);
        } else {
            startBraid(variant, linkIndices);
        }
        pingServer();
    }

    private void startBraid(TcpVariant variant, List<Integer> linkIndices) throws IOException, InterruptedException {
        braidVariant = variant;
        braidLinks = List.copyOf(linkIndices);
        braid.add(startBraidProxy());
        braid.add(startBraidClient());
    }

    private String multilinkSection(TcpVariant variant) {
        return !variant.isMultilink() ? "" : String.join("\n",
                "multilink:",
                "  scheduler: " + variant.scheduler(),
                "  when-no-room: " + variant.whenNoRoom())
                + Stream.concat(multilinkOptions.stream(), variant.options().stream())
                        .map(o -> "\n  " + o.replaceFirst("=", ": ")).collect(Collectors.joining());
    }

    private BraidProcess startBraidProxy() throws IOException, InterruptedException {
        return net.startProxy(false, (braidVariant.isMultilink() ? "  plugins: [multilink]\n" : "")
                + multilinkSection(braidVariant));
    }

    private BraidProcess startBraidClient() throws IOException, InterruptedException {
        TcpVariant variant = braidVariant;
        List<Integer> linkIndices = braidLinks;
        boolean multilink = variant.isMultilink();
        String section = multilinkSection(variant);
        String linkList = linkIndices.stream().map(i -> String.join("\n",
                "  - name: " + linkName(i),
                "    interface: eth" + i,
                "    proxy: " + proxyAddress(i) + ":" + ProxyTopology.PORT)).collect(Collectors.joining("\n"));
        String label = variant.label();
        // Its control socket's path must fit a sockaddr_un (108 bytes): the label is cut short.
        clientName = "client-" + (++started) + "-" + label.substring(0, Math.min(label.length(), 40));
        BraidProcess client = net.startClient(clientNs, proxyAddress(linkIndices.get(0)) + ":" + ProxyTopology.PORT,
                CLIENT_TUN, clientName, "alice", ProxyTopology.PASSWORD, encryption,
                multilink ? "  plugins: [multilink]" : "", "links:\n" + linkList + (multilink ? "\n" + section : ""));
        client.awaitLog("tunnel up", ProxyTopology.STARTUP);
        for (int i : linkIndices.subList(1, linkIndices.size())) {
            World.await("link " + linkName(i) + " joined", ProxyTopology.STARTUP,
                    () -> client.log().contains("link " + linkName(i) + " joined"));
        }
        return client;
    }

    /** The running Braid proxy (after {@link #start} of a Braid variant). */
    public BraidProcess braidProxy() {
        requireBraid();
        return braid.get(0);
    }

    /** The running Braid client. */
    public BraidProcess braidClient() {
        requireBraid();
        return braid.get(1);
    }

    private void requireBraid() {
        if (braid.size() != 2) {
            throw new IllegalStateException("no Braid tunnel running");
        }
    }

    /**
     * SIGKILL of the Braid proxy (no shutdown hook runs), {@code down} of nothing listening, then a
     * new proxy with the same config; the client finds it by itself. Read the old one's log first:
     * the new one writes the same file.
     */
    public void killAndRestartProxy(Duration down) throws IOException, InterruptedException {
        braidProxy().kill();
        Thread.sleep(down.toMillis());
        braid.set(0, startBraidProxy());
    }

    /** SIGTERM to the Braid client, then a new one (a new log) with the same config; waits for its tunnel. */
    public void restartClient() throws IOException, InterruptedException {
        braidClient().terminate();
        braid.set(1, startBraidClient());
    }

    /** a, b, and ref for the reference link. */
    public static String linkName(int index) {
        return index == 2 ? "ref" : String.valueOf((char) ('a' + index));
    }

    private void pingServer() {
        Netns.Result result = clientNs.exec(Duration.ofSeconds(15), "ping", "-c", "3", "-i", "0.2", "-W", "3",
                ProxyTopology.SERVER);
        if (!result.ok()) {
            throw new IllegalStateException("ping " + ProxyTopology.SERVER + " failed:\n" + result.output());
        }
    }

    /** {@code braid status} of client and proxy while Braid runs (label -> control socket). */
    public Map<String, Path> controlSockets() {
        Map<String, Path> sockets = new LinkedHashMap<>();
        if (!braid.isEmpty()) {
            sockets.put("client", net.clientSocket(clientName));
            sockets.put("proxy", net.proxySocket());
        }
        return sockets;
    }

    /** Stops whatever carries traffic now: Braid (client first), WireGuard, or the direct route. */
    public void stop() throws InterruptedException {
        for (int i = braid.size() - 1; i >= 0; i--) {
            World.stop(braid.get(i).process(), Duration.ofSeconds(10));
        }
        braid.clear();
        if (wireguard != null) {
            wireguard.close();
            wireguard = null;
        }
        if (directRoute != null) {
            clientNs.exec(Duration.ofSeconds(10), "ip", "route", "del", directRoute);
            directRoute = null;
        }
    }

    /** Keeps configs and logs for a look after a failure. */
    public void keepFiles() {
        world.keepFiles();
    }

    /** The links of this world: the profile's, then the reference (two-link profiles). */
    public List<PathLink> links() {
        return links;
    }

    @Override
    public void close() {
        rates.close();
        world.close();
    }
}
