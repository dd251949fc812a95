package dev.braid.testbed.bench.netns;

import dev.braid.testbed.netns.BraidProcess;
import dev.braid.testbed.netns.Iperf;
import dev.braid.testbed.netns.Netns;
import dev.braid.testbed.netns.ProxyTopology;
import dev.braid.testbed.netns.World;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code bench wireguard}: one unshaped veth between client and proxy namespace, the server behind
 * the proxy; iperf3 TCP and UDP from client to server through Braid (encryption none,
 * chacha20-poly1305, aes-256-gcm) and through wireguard-go, one after the other in the same run,
 * reported as ratios to wireguard-go. Writes {@code DIR/wireguard.csv} and {@code DIR/wireguard.md}.
 */
@Command(name = "wireguard", mixinStandardHelpOptions = true,
        description = {"iperf3 TCP/UDP through Braid (none, chacha20-poly1305, aes-256-gcm) vs wireguard-go, one unshaped link.",
                "Needs root, iproute2, iperf3, wireguard-go and wg (wireguard-tools)."})
public final class TunnelVsWireguardBench implements Callable<Integer> {
    static final List<String> ENCRYPTIONS = List.of("none", "chacha20-poly1305", "aes-256-gcm");

    @Spec
    CommandSpec spec;

    @Option(names = "--out", required = true, paramLabel = "DIR", description = "Where wireguard.csv and wireguard.md go.")
    Path out;

    @Option(names = "--seconds", defaultValue = "6", paramLabel = "N", description = "Length of each iperf3 run. Default: ${DEFAULT-VALUE}.")
    int seconds;

    @Option(names = "--udp-rate", defaultValue = "600M", paramLabel = "RATE",
            description = "Offered UDP rate (iperf3 -b syntax), above what the tunnels carry. Default: ${DEFAULT-VALUE}.")
    String udpRate;

    @Override
    public Integer call() throws Exception {
        PrintWriter log = spec.commandLine().getOut();
        if (!Netns.isRoot()) {
            spec.commandLine().getErr().println("bench wireguard needs root (network namespaces, TUN devices)");
            return 2;
        }
        for (String tool : List.of("ip", "iperf3", "ss", "ping", "wireguard-go", "wg")) {
            if (!Netns.hasTool(tool)) {
                spec.commandLine().getErr().println("bench wireguard needs " + tool + " on the PATH"
                        + (tool.startsWith("w") ? " (apt-get install wireguard-go wireguard-tools)" : ""));
                return 2;
            }
        }
        List<TunnelResult> results = new ArrayList<>();
        try (World world = new World("wgbench")) {
            ProxyTopology net = ProxyTopology.build(world, 1).user("alice");
            net.serverNs().run("ip", "route", "add", WireguardTunnel.TUNNEL_NET, "via", ProxyTopology.PROXY_SERVER_SIDE);
            IperfClient iperf = new IperfClient(world, net.serverNs(), ProxyTopology.SERVER);
            net.startProxy(false, "");
            for (String encryption : ENCRYPTIONS) {
                results.add(braid(net, iperf, encryption, log));
            }
            results.add(wireguard(world, net, iperf, log));
            if (results.stream().anyMatch(r -> Double.isNaN(r.tcpMbit()) || Double.isNaN(r.udpMbit()))) {
                world.keepFiles();
            }
        }
        String command = CommandLines.of(spec);
        WireguardReport.write(out, results, udpRate, command);
        log.println(WireguardReport.markdown(results, udpRate, command));
        log.println("wrote " + out.resolve("wireguard.csv") + " and " + out.resolve("wireguard.md"));
        log.flush();
        return results.stream().anyMatch(r -> Double.isNaN(r.tcpMbit())) ? 1 : 0;
    }

    private TunnelResult braid(ProxyTopology net, IperfClient iperf, String encryption, PrintWriter log) throws InterruptedException {
        String tunnel = "braid " + encryption;
        BraidProcess client = null;
        try {
            client = net.connectClient(0, "client-" + encryption, "alice", encryption);
            net.pingServer(0);
            return measure(tunnel, iperf, net.clientNs(0), log);
        } catch (Exception | AssertionError e) {
            log.println("[wireguard] " + tunnel + ": " + firstLines(e.getMessage()));
            return TunnelResult.failed(tunnel);
        } finally {
            if (client != null) {
                World.stop(client.process(), Duration.ofSeconds(10));
            }
        }
    }

    private TunnelResult wireguard(World world, ProxyTopology net, IperfClient iperf, PrintWriter log) throws InterruptedException {
        try (WireguardTunnel tunnel = WireguardTunnel.start(world, net.clientNs(0), net.proxyNs(),
                ProxyTopology.proxyAddress(0), ProxyTopology.SERVER_NET)) {
            net.pingServer(0);
            return measure(WireguardReport.REFERENCE, iperf, net.clientNs(0), log);
        } catch (Exception | AssertionError e) {
            log.println("[wireguard] wireguard-go: " + firstLines(e.getMessage()));
            return TunnelResult.failed(WireguardReport.REFERENCE);
        }
    }

    /** TCP then UDP; each may fail on its own (one retry each), leaving its cells empty. */
    private TunnelResult measure(String tunnel, IperfClient iperf, Netns client, PrintWriter log) throws InterruptedException {
        Iperf.Report tcp = attempt(tunnel + " tcp", () -> iperf.tcp(client, seconds, 1, false, null), log);
        Iperf.Report udp = attempt(tunnel + " udp", () -> iperf.udp(client, seconds, udpRate), log);
        TunnelResult result = new TunnelResult(tunnel,
                tcp == null ? Double.NaN : tcp.receiverBitsPerSecond() / 1e6, tcp == null ? 0 : tcp.retransmits(),
                udp == null ? Double.NaN : udp.receiverBitsPerSecond() / 1e6, udp == null ? Double.NaN : udp.lostPercent());
        log.printf("[wireguard] %-26s TCP %7.1f Mbit/s, UDP %7.1f Mbit/s received (%.1f%% lost)%n", tunnel,
                result.tcpMbit(), result.udpMbit(), result.udpLossPercent());
        log.flush();
        return result;
    }

    private interface Run {
        Iperf.Report run() throws IOException, InterruptedException;
    }

    private static Iperf.Report attempt(String what, Run run, PrintWriter log) throws InterruptedException {
        for (int attempt = 1; attempt <= 2; attempt++) {
            try {
                return run.run();
            } catch (IOException | RuntimeException | AssertionError e) {
                log.println("[wireguard] " + what + " attempt " + attempt + ": " + firstLines(e.getMessage()));
            }
        }
        return null;
    }

    static String firstLines(String message) {
        return message == null ? "" : message.lines().limit(3).reduce((a, b) -> a + " / " + b).orElse("");
    }

    /** Stand-alone entry point: {@code java -cp 'dist/target/braid/lib/*' dev.braid.testbed.bench.netns.TunnelVsWireguardBench --out DIR}. */
    public static void main(String[] args) {
        System.exit(new CommandLine(new TunnelVsWireguardBench()).execute(args));
    }
}
