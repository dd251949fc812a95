package dev.braid.snat;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.braid.core.spi.Role;
import dev.braid.core.spi.TunnelNetwork;
import dev.braid.core.testing.Prerequisites;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The hook against real netfilter, in network namespaces of the test's own. Needs root and nft. */
class SnatNamespaceTest {
    private static final TunnelNetwork PROXY =
            new TunnelNetwork(Role.PROXY, "braid0", "10.232.0.1/24", NetnsWorld.POOL);
    private static final int PORT = 40404;

    private NetnsWorld world;

    @BeforeEach
    void buildWorld() throws Exception {
        Prerequisites.ofThisRun().root("builds network namespaces and nftables tables").tools("ip", "nft");
        world = new NetnsWorld();
        try {
            world.build();
        } catch (Exception e) {
            world.close();
            throw e;
        }
    }

    @AfterEach
    void deleteWorld() {
        if (world != null) {
            world.close();
        }
    }

    @Test
    void installsItsTableAndForwardingAndRemovesExactlyThat() throws Exception {
        ProcessCommands proxy = world.in(world.proxy);
        String forwardingBefore = proxy.readSysctl(SnatNetworkHook.IP_FORWARD);
        assertEquals("0", forwardingBefore, "a new namespace starts without forwarding");
        SnatNetworkHook hook = new SnatNetworkHook(new SnatConfig(), proxy);

        hook.start(PROXY);
        String table = nft(proxy, "list", "table", "ip", "braid_snat");
        assertTrue(table.contains("ip saddr 10.232.0.0/24 oifname \"ps0\" masquerade"), table);
        assertEquals(1, count(table, "masquerade"), table);
        assertEquals("1", proxy.readSysctl(SnatNetworkHook.IP_FORWARD));

        hook.stop();
        assertFalse(nft(proxy, "list", "tables", "ip").contains("braid_snat"));
        assertEquals(forwardingBefore, proxy.readSysctl(SnatNetworkHook.IP_FORWARD));
        assertDoesNotThrow(hook::stop, "stopping again is fine");
    }

    @Test
    void startAfterACrashReplacesTheStaleTable() throws Exception {
        ProcessCommands proxy = world.in(world.proxy);
        new SnatNetworkHook(new SnatConfig(), proxy).start(PROXY); // "crashes": never stopped

        SnatNetworkHook restarted = new SnatNetworkHook(new SnatConfig(), proxy);
        restarted.start(PROXY);
        String table = nft(proxy, "list", "table", "ip", "braid_snat");
        assertEquals(1, count(table, "masquerade"), "one rule, not two: " + table);

        restarted.stop();
        assertFalse(nft(proxy, "list", "tables", "ip").contains("braid_snat"));
    }

    @Test
    void stopWhenTheTableIsAlreadyGoneStillRestoresForwarding() throws Exception {
        ProcessCommands proxy = world.in(world.proxy);
        SnatNetworkHook hook = new SnatNetworkHook(new SnatConfig(), proxy);
        hook.start(PROXY);
        nft(proxy, "delete", "table", "ip", "braid_snat");

        assertDoesNotThrow(hook::stop);
        assertEquals("0", proxy.readSysctl(SnatNetworkHook.IP_FORWARD));
    }

    @Test
    void clientTrafficLeavesWithTheProxyAddressAndTheProxysOwnTrafficKeepsItsSource() throws Exception {
        SnatNetworkHook hook = new SnatNetworkHook(new SnatConfig(), world.in(world.proxy));
        Path serverLog = Files.createTempFile("bsnat-server-", ".log");
        Process server = null;
        try {
            hook.start(PROXY);
            server = new ProcessBuilder("ip", "netns", "exec", world.server, python(), "-c", UDP_ECHO_SERVER,
                    NetnsWorld.SERVER_ADDRESS, Integer.toString(PORT))
                    .redirectOutput(serverLog.toFile())
                    .redirectErrorStream(true)
                    .start();

            // A reply proves the way back too: the server has no route to the pool.
            assertEquals("echo:from-client", udpExchange(world.client, "from-client", null));
            assertEquals("echo:from-proxy", udpExchange(world.proxy, "from-proxy", NetnsWorld.PROXY_SECOND_ADDRESS));

            String seen = Files.readString(serverLog, StandardCharsets.UTF_8);
            assertTrue(seen.contains("from-client " + NetnsWorld.PROXY_EGRESS_ADDRESS + "\n"), seen);
            assertFalse(seen.contains(NetnsWorld.CLIENT_ADDRESS), "the pool address never reaches the server: " + seen);
            // Masquerade would have picked the primary address 10.231.0.1: this one was not rewritten.
            assertTrue(seen.contains("from-proxy " + NetnsWorld.PROXY_SECOND_ADDRESS + "\n"), seen);
        } finally {
            if (server != null) {
                server.destroyForcibly();
                server.waitFor(5, TimeUnit.SECONDS);
            }
            hook.stop();
            Files.deleteIfExists(serverLog);
        }
    }

    @Test
    void withoutCapNetAdminTheMessageSaysSo() throws Exception {
        Prerequisites.ofThisRun().tools("setpriv");
        // root, but with CAP_NET_ADMIN dropped from the bounding set of every command
        ProcessCommands denied = new ProcessCommands(List.of("ip", "netns", "exec", world.proxy,
                "setpriv", "--bounding-set=-net_admin", "--inh-caps=-net_admin"), Map.of(), Duration.ofSeconds(15));
        SnatNetworkHook hook = new SnatNetworkHook(new SnatConfig(), denied);

        SnatException e = assertThrows(SnatException.class, () -> hook.start(PROXY));
        assertEquals(SnatNetworkHook.NO_PERMISSION, e.getMessage());
    }

    @Test
    void configuredEgressInterfaceThatDoesNotExistIsRefused() {
        SnatConfig config = new SnatConfig();
        config.setEgressInterface("nosuch0");
        SnatNetworkHook hook = new SnatNetworkHook(config, world.in(world.proxy));

        SnatException e = assertThrows(SnatException.class, () -> hook.start(PROXY));
        assertTrue(e.getMessage().startsWith("snat egress-interface 'nosuch0' does not exist"), e.getMessage());
    }

    // --- helpers ---

    /** Prints "PAYLOAD PEER_ADDRESS" per datagram and echoes it; exits after 30 s of silence. */
    private static final String UDP_ECHO_SERVER = String.join("\n",
            "import socket, sys",
            "s = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)",
            "s.bind((sys.argv[1], int(sys.argv[2])))",
            "s.settimeout(30)",
            "while True:",
            "    data, peer = s.recvfrom(2048)",
            "    print(data.decode() + ' ' + peer[0], flush=True)",
            "    s.sendto(b'echo:' + data, peer)");

    /** Sends until answered (the server may still be starting), for at most 10 s; prints the answer. */
    private static final String UDP_CLIENT = String.join("\n",
            "import socket, sys",
            "s = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)",
            "if sys.argv[4]: s.bind((sys.argv[4], 0))",
            "s.settimeout(0.25)",
            "for _ in range(40):",
            "    s.sendto(sys.argv[3].encode(), (sys.argv[1], int(sys.argv[2])))",
            "    try:",
            "        print(s.recv(2048).decode()); sys.exit(0)",
            "    except socket.timeout:",
            "        pass",
            "sys.exit('no answer')");

    private String udpExchange(String ns, String payload, String bindAddress) throws Exception {
        CommandResult result = world.in(ns).run(List.of(python(), "-c", UDP_CLIENT, NetnsWorld.SERVER_ADDRESS,
                Integer.toString(PORT), payload, bindAddress == null ? "" : bindAddress), "");
        assertTrue(result.ok(), "UDP exchange from " + ns + " failed: " + result.stderr());
        return result.stdout().strip();
    }

    private static String python() {
        return Files.isExecutable(Path.of("/usr/bin/python3")) ? "/usr/bin/python3" : "python3";
    }

    private static String nft(ProcessCommands commands, String... args) throws Exception {
        List<String> command = new java.util.ArrayList<>(List.of("nft"));
        command.addAll(List.of(args));
        CommandResult result = commands.run(command, "");
        assertTrue(result.ok(), String.join(" ", command) + ": " + result.stderr());
        return result.stdout();
    }

    private static int count(String text, String word) {
        return text.split(word, -1).length - 1;
    }
}
