package dev.braid.testbed.bench.netns;

import dev.braid.testbed.netns.Braid;
import dev.braid.testbed.netns.BraidProcess;
import dev.braid.testbed.netns.Netns;
import dev.braid.testbed.netns.ProxyTopology;
import dev.braid.testbed.netns.World;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * The TCP benchmark's world for one scenario: client namespace with two veths (eth0 = link a,
 * eth1 = link b) to the proxy namespace, the server behind the proxy. Each veth is limited by a
 * kernel tbf at both ends (rate); one {@code braid linkem} relay per link in the proxy namespace
 * adds the link's one-way delay in both directions (this kernel has no netem) and forwards to the
 * proxy, and the client's link {@code proxy:} points at its relay. Braid proxy and client run as
 * separate processes, restarted per {@link TcpVariant}; the {@code wireguard} variant runs
 * wireguard-go through the best link's relay instead (its proxy end on the Braid proxy's port).
 */
final class TwoLinkNet implements AutoCloseable {
    static final int RELAY_A_PORT = 7700;
    static final int RELAY_B_PORT = 7701;

    private final World world;
    private final ProxyTopology net;
    private final String encryption;
    private final List<BraidProcess> braid = new ArrayList<>();
    private WireguardTunnel wireguard;
    private final IperfClient iperf;
    private int started;
    private String clientName;

    private final List<String> multilinkOptions;

    private TwoLinkNet(World world, ProxyTopology net, String encryption, List<String> multilinkOptions) {
        this.multilinkOptions = List.copyOf(multilinkOptions);
        this.world = world;
        this.net = net;
        this.encryption = encryption;
        this.iperf = new IperfClient(world, net.serverNs(), ProxyTopology.SERVER);
    }

    /** Builds namespaces, shaping, relays and the iperf3 server (closes everything if that fails). */
    static TwoLinkNet build(TcpScenario scenario, String encryption, List<String> multilinkOptions) throws IOException, InterruptedException {
        World world = new World("tcpbench");
        try {
            ProxyTopology net = ProxyTopology.build(world, 1).user("alice");
            net.addSecondLink(0);
            net.serverNs().run("ip", "route", "add", WireguardTunnel.TUNNEL_NET, "via", ProxyTopology.PROXY_SERVER_SIDE);
            // Every run starts cold: by default the kernel caches a closed flow's ssthresh per
            // destination and the next flow to the same server leaves slow start at it, so a
            // variant would inherit the previous variant's window.
            for (Netns ns : List.of(net.clientNs(0), net.serverNs())) {
                ns.run("sysctl", "-q", "-w", "net.ipv4.tcp_no_metrics_save=1");
            }
            String rateA = TcpScenario.tcRate(scenario.rateAMbit());
            String rateB = TcpScenario.tcRate(scenario.rateBMbit());
            net.clientNs(0).limitRate("eth0", rateA);
            net.proxyNs().limitRate("cl0", rateA);
            net.clientNs(0).limitRate("eth1", rateB);
            net.proxyNs().limitRate("cl0b", rateB);
            relay(world, net.proxyNs(), "relay-a", ProxyTopology.proxyAddress(0), RELAY_A_PORT, scenario.delayAMs(),
                    scenario.jitterAMs(), scenario.lossAPercent());
            relay(world, net.proxyNs(), "relay-b", ProxyTopology.secondProxyAddress(0), RELAY_B_PORT, scenario.delayBMs(),
                    scenario.jitterBMs(), scenario.lossBPercent());
            return new TwoLinkNet(world, net, encryption, multilinkOptions);
        } catch (IOException | InterruptedException | RuntimeException | Error e) {
            world.close();
            throw e;
        }
    }

    /**
     * {@code braid linkem} on ADDRESS:PORT to the proxy on ADDRESS, delaying both ways by
     * {@code delayMs} +- {@code jitterMs} (never reordering) and dropping {@code lossPercent} of the
     * datagrams at random.
     */
    private static void relay(World world, Netns ns, String name, String address, int port, int delayMs,
                              int jitterMs, double lossPercent) throws IOException, InterruptedException {
        String spec = "0/" + delayMs + "ms" + (jitterMs > 0 ? ",jitter=" + jitterMs + "ms" : "")
                + (lossPercent > 0 ? ",loss=" + lossPercent + "%" : "");
        List<String> command = Braid.command("linkem", "--listen", address + ":" + port,
                "--target", address + ":" + ProxyTopology.PORT, "--up", spec, "--down", spec, "--nat-timeout", "0");
        Process process = world.start(ns, name + ".log", command.toArray(String[]::new));
        World.await(name + " listening", ProxyTopology.STARTUP, () -> !process.isAlive() || world.log(name + ".log").contains("listening"));
        if (!process.isAlive()) {
            throw new IllegalStateException(name + " exited: " + world.log(name + ".log"));
        }
    }

    IperfClient iperf() {
        return iperf;
    }

    Netns clientNs() {
        return net.clientNs(0);
    }

    World world() {
        return world;
    }

    /** Starts the tunnel of {@code variant} and waits until every link of it carries traffic. */
    void start(TcpVariant variant, boolean bestIsA) throws IOException, InterruptedException {
        stop();
        if (variant.isWireguard()) {
            String endpoint = bestIsA ? ProxyTopology.proxyAddress(0) + ":" + RELAY_A_PORT
                    : ProxyTopology.secondProxyAddress(0) + ":" + RELAY_B_PORT;
            wireguard = WireguardTunnel.start(world, net.clientNs(0), net.proxyNs(), ProxyTopology.PORT, endpoint,
                    ProxyTopology.SERVER_NET);
            net.pingServer(0);
        } else {
            startBraid(variant, bestIsA);
        }
    }

    private void startBraid(TcpVariant variant, boolean bestIsA) throws IOException, InterruptedException {
        String multilink = variant.isSingle() ? "" : String.join("\n",
                "multilink:",
                "  scheduler: " + variant.scheduler(),
                "  when-no-room: " + variant.whenNoRoom())
                + Stream.concat(multilinkOptions.stream(), variant.options().stream())
                        .map(o -> "\n  " + o.replaceFirst("=", ": ")).reduce("", String::concat);
        BraidProcess proxy = net.startProxy(false, "  plugins: [multilink]\n" + multilink);
        braid.add(proxy);
        String linkA = String.join("\n",
                "  - name: a",
                "    interface: eth0",
                "    proxy: " + ProxyTopology.proxyAddress(0) + ":" + RELAY_A_PORT);
        String linkB = String.join("\n",
                "  - name: b",
                "    interface: eth1",
                "    proxy: " + ProxyTopology.secondProxyAddress(0) + ":" + RELAY_B_PORT);
        String links = variant.isSingle()
                ? "links:\n" + (bestIsA ? linkA : linkB)
                : "links:\n" + linkA + "\n" + linkB + "\n" + multilink;
        // Its control socket's path must fit a sockaddr_un (108 bytes): the label is cut short.
        String label = variant.label();
        clientName = "client-" + (++started) + "-" + label.substring(0, Math.min(label.length(), 40));
        BraidProcess client = net.startClient(0, clientName, "alice", ProxyTopology.PASSWORD, encryption,
                variant.isSingle() ? "" : "  plugins: [multilink]", links);
        braid.add(client);
        client.awaitLog("tunnel up", ProxyTopology.STARTUP);
        if (!variant.isSingle()) {
            World.await("link b joined", ProxyTopology.STARTUP, () -> client.log().contains("link b joined"));
        }
        net.pingServer(0);
    }

    /** The running tunnel's two ends: "client" and "proxy" (Braid's processes or the two wireguard-go daemons). */
    Map<String, Process> tunnelProcesses() {
        if (wireguard != null) {
            return wireguard.processes();
        }
        if (braid.size() != 2) {
            throw new IllegalStateException("no tunnel running");
        }
        return Map.of("proxy", braid.get(0).process(), "client", braid.get(1).process());
    }

    /** {@code braid status} of the running client and proxy (per-link counters, cwnd, resequencer). */
    String status() {
        return StatusTrace.snapshot(controlSockets());
    }

    /** Samples {@link #status()} into {@code fileName} in the world's folder until closed. */
    StatusTrace traceStatus(String fileName) {
        return StatusTrace.start(world.dir().resolve(fileName), controlSockets(), 500);
    }

    private Map<String, Path> controlSockets() {
        Map<String, Path> sockets = new LinkedHashMap<>();
        sockets.put("client " + clientName, net.clientSocket(clientName));
        sockets.put("proxy", net.proxySocket());
        return sockets;
    }

    /** Stops the running tunnel: Braid's client and proxy (client first, so the proxy sees it leave) or WireGuard. */
    void stop() throws InterruptedException {
        for (int i = braid.size() - 1; i >= 0; i--) {
            World.stop(braid.get(i).process(), Duration.ofSeconds(10));
        }
        braid.clear();
        if (wireguard != null) {
            wireguard.close();
            wireguard = null;
        }
    }

    /** Keeps configs and logs for a look after a failure. */
    void keepFiles() {
        world.keepFiles();
    }

    @Override
    public void close() {
        world.close();
    }
}
