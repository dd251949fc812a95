package dev.braid.e2e;

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
 * A tunnel MTU of 1280 between hosts whose interfaces carry 1500 (the client's TUN raised to 1500,
 * as a LAN host behind a routing client sees it): both ends clamp the SYNs' MSS, so each side's
 * first segments already fit the tunnel (MSS 1240 less TCP options) before any path-MTU
 * discovery, and a bulk transfer arrives whole.
 */
class MssClampIT {
    private static final int PORT = 8081;
    private static final int BYTES = 400_000;
    private static final int CLAMPED = 1280 - 40;
    /** The send MSS of a socket right after its handshake: what the peer's SYN allowed. */
    private static final String SERVER = OneConnectionServer.script(PORT,
            "print('mss', c.getsockopt(socket.IPPROTO_TCP, socket.TCP_MAXSEG), flush=True)",
            "c.sendall(b'x' * " + BYTES + ")",
            "c.close()");
    private static final String CLIENT = String.join("\n",
            "import socket",
            "c = socket.create_connection(('" + ProxyTopology.SERVER + "', " + PORT + "), timeout=20)",
            "print('mss', c.getsockopt(socket.IPPROTO_TCP, socket.TCP_MAXSEG), flush=True)",
            "n = 0",
            "while True:",
            "    b = c.recv(65536)",
            "    if not b: break",
            "    n += len(b)",
            "print('received', n, flush=True)");

    @RegisterExtension
    final WorldExtension worlds = new WorldExtension("python3", "ss");

    @Test
    @Timeout(90)
    void bothEndsClampTheMssOfSynsToTheTunnelMtu() throws Exception {
        World world = worlds.world();
        ProxyTopology net = ProxyTopology.build(world, 1).user("alice");
        BraidProcess proxy = net.startProxy(true, "  mtu: 1280");
        BraidProcess client = net.connectClient(0, "client", "alice", "chacha20-poly1305");
        net.clientNs(0).run("ip", "link", "set", "braidc0", "mtu", "1500");

        Process server = world.start(net.serverNs(), "server.log", "python3", "-u", "-c", SERVER);
        World.await("the server listening", Duration.ofSeconds(10), () -> !server.isAlive()
                || !net.serverNs().exec(Duration.ofSeconds(5), "ss", "-Hltn", "sport = :" + PORT).output().isBlank());
        Netns.Result fetched = net.clientNs(0).exec(Duration.ofSeconds(40), "python3", "-u", "-c", CLIENT);
        String diagnosis = fetched.output() + "\nserver: " + world.log("server.log") + "\nproxy:\n" + proxy.log()
                + "\nclient:\n" + client.log();
        assertTrue(fetched.ok() && fetched.output().contains("received " + BYTES), diagnosis);
        assertTrue(mss(fetched.output()) <= CLAMPED, "the server's SYN-ACK, clamped by the proxy: " + diagnosis);
        World.await("the server printed", Duration.ofSeconds(10), () -> world.log("server.log").contains("mss "));
        assertTrue(mss(world.log("server.log")) <= CLAMPED, "the client's SYN, clamped by the client: " + diagnosis);
    }

    private static int mss(String output) {
        Matcher m = Pattern.compile("mss (\\d+)").matcher(output);
        if (!m.find()) {
            throw new AssertionError("no mss in: " + output);
        }
        return Integer.parseInt(m.group(1));
    }
}
