package dev.braid.testbed.bench.netns;

import dev.braid.testbed.netns.Netns;
import dev.braid.testbed.netns.World;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;

/**
 * A wireguard-go tunnel between two namespaces (keys from {@code wg genkey}), the reference the
 * Braid tunnel is compared with. wireguard-go runs in the foreground as a process of the
 * {@link World}; its UAPI socket lives in the host's /var/run/wireguard, so interface names are
 * made unique. {@link #close()} stops both daemons, which removes their TUNs and routes.
 */
public final class WireguardTunnel implements AutoCloseable {
    static final int PORT = 51820;
    static final String CLIENT_TUNNEL_ADDRESS = "10.78.0.2";
    static final String PROXY_TUNNEL_ADDRESS = "10.78.0.1";
    public static final String TUNNEL_NET = "10.78.0.0/24";

    private final Process clientDaemon;
    private final Process proxyDaemon;

    private WireguardTunnel(Process clientDaemon, Process proxyDaemon) {
        this.clientDaemon = clientDaemon;
        this.proxyDaemon = proxyDaemon;
    }

    /**
     * Brings the tunnel up: the client namespace routes {@code routedNet} into it, the proxy
     * namespace ends it at {@code proxyAddress} (its address on the client's link) and forwards.
     */
    static WireguardTunnel start(World world, Netns client, Netns proxy, String proxyAddress, String routedNet)
            throws IOException, InterruptedException {
        return start(world, client, proxy, PORT, proxyAddress + ":" + PORT, routedNet);
    }

    /**
     * As above, but the proxy end listens on {@code proxyPort} and the client sends to
     * {@code endpoint} (HOST:PORT), e.g. a link emulator in front of the proxy.
     */
    public static WireguardTunnel start(World world, Netns client, Netns proxy, int proxyPort, String endpoint,
                                 String routedNet) throws IOException, InterruptedException {
        String suffix = Integer.toHexString(ThreadLocalRandom.current().nextInt(0x10000, 0xfffff));
        String clientIf = "wgc" + suffix;
        String proxyIf = "wgp" + suffix;
        Path clientKey = key(world, "wg-client.key");
        Path proxyKey = key(world, "wg-proxy.key");
        Process clientDaemon = daemon(world, client, clientIf);
        Process proxyDaemon = daemon(world, proxy, proxyIf);
        WireguardTunnel tunnel = new WireguardTunnel(clientDaemon, proxyDaemon);
        try {
            proxy.run("wg", "set", proxyIf, "private-key", proxyKey.toString(), "listen-port", String.valueOf(proxyPort),
                    "peer", publicKey(clientKey), "allowed-ips", CLIENT_TUNNEL_ADDRESS + "/32");
            proxy.run("ip", "addr", "add", PROXY_TUNNEL_ADDRESS + "/24", "dev", proxyIf);
            proxy.run("ip", "link", "set", proxyIf, "up");
            client.run("wg", "set", clientIf, "private-key", clientKey.toString(), "listen-port", String.valueOf(PORT),
                    "peer", publicKey(proxyKey), "allowed-ips", TUNNEL_NET + "," + routedNet, "endpoint", endpoint);
            client.run("ip", "addr", "add", CLIENT_TUNNEL_ADDRESS + "/24", "dev", clientIf);
            client.run("ip", "link", "set", clientIf, "up");
            client.run("ip", "route", "add", routedNet, "dev", clientIf);
            return tunnel;
        } catch (RuntimeException | Error e) {
            tunnel.close();
            throw e;
        }
    }

    private static Process daemon(World world, Netns ns, String ifName) throws IOException, InterruptedException {
        Process process = world.start(ns, ifName + ".log", "wireguard-go", "-f", ifName);
        World.await("wireguard-go " + ifName, Duration.ofSeconds(15), () -> !process.isAlive()
                || ns.exec(Duration.ofSeconds(5), "ip", "link", "show", ifName).ok());
        if (!process.isAlive()) {
            throw new IllegalStateException("wireguard-go exited: " + world.log(ifName + ".log"));
        }
        return process;
    }

    private static Path key(World world, String name) throws IOException {
        Path file = world.dir().resolve(name);
        Files.writeString(file, Netns.host("wg", "genkey").trim() + "\n");
        return file;
    }

    private static String publicKey(Path privateKey) {
        Netns.Result result = Netns.execute(Duration.ofSeconds(10),
                java.util.List.of("sh", "-c", "wg pubkey < \"$0\"", privateKey.toString()));
        if (!result.ok()) {
            throw new IllegalStateException("wg pubkey failed: " + result.output());
        }
        return result.output().trim();
    }

    /** The two daemons: "client" and "proxy". */
    Map<String, Process> processes() {
        return Map.of("client", clientDaemon, "proxy", proxyDaemon);
    }

    @Override
    public void close() throws InterruptedException {
        World.stop(clientDaemon, Duration.ofSeconds(5));
        World.stop(proxyDaemon, Duration.ofSeconds(5));
    }
}
