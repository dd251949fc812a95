package dev.braid.e2e;

import dev.braid.testbed.netns.*;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The proxy with the {@code snat} plugin: the server, which has no route to the client pool, sees
 * the proxy's address and answers; the nftables table is gone after SIGTERM.
 */
class SnatIT {
    private static final int PORT = 8080;
    /** Accepts one TCP connection, prints the peer's address, answers "hello". */
    private static final String PEER_PRINTER = OneConnectionServer.script(PORT,
            "print('peer', peer[0], flush=True)",
            "c.sendall(b'hello')",
            "c.close()");
    private static final String CONNECT = String.join("\n",
            "import socket",
            "c = socket.create_connection(('" + ProxyTopology.SERVER + "', " + PORT + "), timeout=10)",
            "print(c.recv(16).decode())");

    @RegisterExtension
    final WorldExtension worlds = new WorldExtension("python3", "nft", "ss");

    @Test
    @Timeout(90)
    void theServerSeesTheProxysAddress() throws Exception {
        World world = worlds.world();
        ProxyTopology net = ProxyTopology.buildWithoutRouteBack(world, 1).user("alice");
        BraidProcess proxy = net.startProxy(true, String.join("\n",
                "  plugins: [snat]",
                "snat:",
                "  egress-interface: srv0"));
        assertTrue(net.proxyNs().run("nft", "list", "tables").contains("braid_snat"), proxy.log());
        net.connectClient(0, "client", "alice", "chacha20-poly1305");

        Process server = world.start(net.serverNs(), "peer.log", "python3", "-u", "-c", PEER_PRINTER);
        World.await("the peer printer listening", Duration.ofSeconds(10), () -> !server.isAlive()
                || !net.serverNs().exec(Duration.ofSeconds(5), "ss", "-Hltn", "sport = :" + PORT).output().isBlank());
        Netns.Result answer = net.clientNs(0).exec(Duration.ofSeconds(20), "python3", "-c", CONNECT);
        assertTrue(answer.ok() && answer.output().contains("hello"), answer.output());
        World.await("the peer printed", Duration.ofSeconds(10), () -> world.log("peer.log").contains("peer "));
        assertTrue(world.log("peer.log").contains("peer " + ProxyTopology.PROXY_SERVER_SIDE + "\n"), world.log("peer.log"));

        proxy.terminate();
        assertFalse(net.proxyNs().run("nft", "list", "tables").contains("braid_snat"), proxy.log());
    }
}
