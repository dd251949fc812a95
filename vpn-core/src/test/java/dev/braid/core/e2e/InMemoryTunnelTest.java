package dev.braid.core.e2e;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.braid.core.client.BraidClient;
import dev.braid.core.client.ClientConfig;
import dev.braid.core.client.LinkConfig;
import dev.braid.core.client.LoginFailedException;
import dev.braid.core.client.SharedClientThreads;
import dev.braid.core.link.UdpTransport;
import dev.braid.core.tun.TunReading;
import java.util.concurrent.CopyOnWriteArrayList;
import dev.braid.core.tun.TunSpec;
import dev.braid.core.tun.TunFactory;
import dev.braid.core.tun.TunDevice;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import dev.braid.core.config.HostPort;
import dev.braid.core.config.InetPrefix;
import dev.braid.core.config.IpPrefix;
import dev.braid.core.crypto.Argon2Params;
import dev.braid.core.crypto.CipherSuite;
import dev.braid.core.lifecycle.ControlSocket;
import dev.braid.core.lifecycle.PluginSet;
import dev.braid.core.lifecycle.StartupException;
import dev.braid.core.login.LoginMessages;
import dev.braid.core.login.LoginResult;
import dev.braid.core.login.RejectReason;
import dev.braid.core.login.SessionToken;
import dev.braid.core.login.UserRecord;
import dev.braid.core.login.UsersFile;
import dev.braid.core.login.UsersFileException;
import dev.braid.core.metrics.MetricsEndpoint;
import dev.braid.core.proxy.ProxyConfig;
import dev.braid.core.proxy.ProxyServer;
import dev.braid.core.proxy.UsersReload;
import dev.braid.core.reload.LiveUsers;
import dev.braid.core.session.SingleLinkDataPath;
import java.util.concurrent.atomic.AtomicInteger;
import dev.braid.core.spi.LinkHandle;
import dev.braid.core.spi.ExtensionContext;
import dev.braid.core.spi.SessionExtension;
import dev.braid.core.spi.SessionExtensionFactory;
import dev.braid.core.testing.TestIpPackets;
import dev.braid.core.time.SystemClock;
import dev.braid.core.tun.InMemoryTun;
import dev.braid.core.tun.InMemoryTunFactory;
import dev.braid.core.wire.BraidHeader;
import dev.braid.core.wire.DropReason;
import dev.braid.core.wire.Ipv4;
import dev.braid.core.wire.Ipv6Address;
import dev.braid.core.wire.MessageType;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetSocketAddress;
import java.net.SocketTimeoutException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;
import java.util.function.Predicate;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * A real proxy and a real client over loopback UDP with in-memory TUNs: IP packets put into one
 * end's TUN come out of the other's, byte for byte, in both directions, with every cipher suite.
 */
class InMemoryTunnelTest {
    private static final byte[] PASSWORD = "correct horse".getBytes(StandardCharsets.UTF_8);
    private static final int SERVER_BEHIND_PROXY = Ipv4.parse("10.99.0.1");
    private static final Ipv6Address SERVER6 = new Ipv6Address(0xfd00_0099_0000_0000L, 1);
    private static final PluginSet CORE_ONLY = new PluginSet(Map.of(SingleLinkDataPath.NAME, new SingleLinkDataPath.Factory()),
            List.of(), List.of());

    @TempDir
    Path dir;

    private final List<AutoCloseable> running = new ArrayList<>();
    private final InMemoryTunFactory proxyTuns = new InMemoryTunFactory();
    private final InMemoryTunFactory clientTuns = new InMemoryTunFactory();
    private ProxyServer proxy;
    private UsersReload usersReload;

    @BeforeEach
    void startProxy() throws Exception {
        UsersFile users = new UsersFile();
        users.add(UserRecord.create("alice", PASSWORD, Argon2Params.TEST_CHEAP, new SecureRandom()), false);
        users.save(dir.resolve("users"));
        proxy = startProxy(0);
    }

    private ProxyServer startProxy(int port) throws Exception {
        return startProxy(port, config -> { });
    }

    private ProxyServer startProxy(int port, Consumer<ProxyConfig> tweak) throws Exception {
        ProxyConfig config = new ProxyConfig();
        config.setListen(new HostPort("127.0.0.1", port));
        config.setUsers(dir.resolve("users").toString());
        config.setClientPool(IpPrefix.parse("10.77.0.0/24"));
        config.setRequireEncryption(false);
        config.setControlSocket(dir.resolve("proxy.sock").toString());
        tweak.accept(config);
        LiveUsers users = new LiveUsers(UsersFile.load(dir.resolve("users")));
        ProxyServer server = new ProxyServer(config, CORE_ONLY, proxyTuns, users, SystemClock.INSTANCE);
        usersReload = new UsersReload(dir.resolve("users"), users, server);
        server.start();
        running.add(server);
        return server;
    }

    private BraidClient client(String user, byte[] password, CipherSuite suite) throws Exception {
        return client(user, password, suite, user);
    }

    /** @param name distinguishes the control sockets of several clients of one user */
    private BraidClient client(String user, byte[] password, CipherSuite suite, String name) throws Exception {
        return client(user, password, suite, name, CORE_ONLY, config -> { });
    }

    private BraidClient client(String user, byte[] password, CipherSuite suite, String name, PluginSet plugins,
                               Consumer<ClientConfig> tweak) throws Exception {
        ClientConfig config = new ClientConfig();
        tweak.accept(config);
        config.setProxy(new HostPort("127.0.0.1", proxy.localAddress().getPort()));
        config.setUser(user);
        config.setEncryption(suite);
        Path socket = dir.resolve("client-" + name + ".sock");
        // A second client of one name needs its own socket: the first one's is in use.
        config.setControlSocket((Files.exists(socket) ? dir.resolve("client-" + name + "-" + running.size() + ".sock") : socket)
                .toString());
        BraidClient client = new BraidClient(config, List.of(LinkConfig.named("lo")), plugins, clientTuns, password,
                SystemClock.INSTANCE);
        running.add(0, client);
        client.start();
        return client;
    }

    @AfterEach
    void stopAll() throws Exception {
        for (AutoCloseable c : running) {
            c.close();
        }
    }

    @ParameterizedTest
    @EnumSource(CipherSuite.class)
    void packetsCrossTheTunnelUnchangedInBothDirections(CipherSuite suite) throws Exception {
        BraidClient client = client("alice", PASSWORD, suite);
        LoginResult login = client.awaitLogin(10, TimeUnit.SECONDS);
        assertEquals(suite, login.parameters().suite());
        int clientAddress = Ipv4.parse(login.parameters().virtualAddress().getHostAddress());
        InMemoryTun proxyTun = proxyTuns.awaitCreated(5, TimeUnit.SECONDS);
        InMemoryTun clientTun = clientTuns.awaitCreated(5, TimeUnit.SECONDS);
        assertNotNull(clientTun, "the client made no TUN after login");

        for (int i = 0; i < 50; i++) {
            byte[] up = ("up " + i).getBytes(StandardCharsets.UTF_8);
            assertDelivered(clientTun, proxyTun, TestIpPackets.udp(clientAddress, SERVER_BEHIND_PROXY, up));
            byte[] down = ("down " + i).getBytes(StandardCharsets.UTF_8);
            assertDelivered(proxyTun, clientTun, TestIpPackets.udp(SERVER_BEHIND_PROXY, clientAddress, down));
        }
        String status = ControlSocket.request(dir.resolve("proxy.sock"), "status");
        assertTrue(status.contains("alice") && status.contains("sessions 1/"), status);
        // The client's keepalives measure each link's round-trip time for `braid status`.
        Path clientSocket = dir.resolve("client-alice.sock");
        String clientStatus = pollUntil(Duration.ofSeconds(5), () -> ControlSocket.request(clientSocket, "status"),
                text -> text.matches("(?s).*\\s\\d+\\.\\d\\s+\\S+\\s+primary\\n.*"));
        assertTrue(clientStatus.contains("rtt-ms") && clientStatus.matches("(?s).*\\s\\d+\\.\\d\\s+\\S+\\s+primary\\n.*"), clientStatus);
    }

    @Test
    void aClientLinkDroppedAfterBeingDownTooLongJoinsAgainAsANewLink() throws Exception {
        // An extension that marks the first instance of the link DOWN 200 ms after it is added,
        // as nat-probe would when its path died, and leaves later instances alone.
        AtomicInteger added = new AtomicInteger();
        SessionExtensionFactory downOnce = new SessionExtensionFactory() {
            @Override
            public String name() {
                return "down-once";
            }

            @Override
            public SessionExtension create(ExtensionContext session) {
                return new SessionExtension() {
                    private LinkHandle first;
                    private long downAt = Long.MAX_VALUE;

                    @Override
                    public void onLinkAdded(long nowNanos, LinkHandle link) {
                        if (added.getAndIncrement() == 0) {
                            first = link;
                            downAt = nowNanos + 200_000_000L;
                        }
                    }

                    @Override
                    public long nextDeadlineNanos() {
                        return downAt;
                    }

                    @Override
                    public void onTimer(long nowNanos) {
                        downAt = Long.MAX_VALUE;
                        session.setLinkUp(first, false);
                    }
                };
            }
        };
        PluginSet plugins = new PluginSet(CORE_ONLY.dataPaths(), List.of(downOnce), List.of());
        BraidClient client = client("alice", PASSWORD, CipherSuite.CHACHA20_POLY1305, "rejoin", plugins,
                config -> config.setLinkDownTimeout(Duration.ofSeconds(1)));
        client.awaitLogin(10, TimeUnit.SECONDS);
        Path socket = dir.resolve("client-rejoin.sock");
        String status = pollUntil(Duration.ofSeconds(10), () -> ControlSocket.request(socket, "status"),
                text -> text.contains("links dropped after being DOWN too long: 1") && text.contains(" lo ")
                        && added.get() >= 2);
        assertTrue(status.contains("links dropped after being DOWN too long: 1"), status);
        assertTrue(status.matches("(?s).*\\s0\\s+lo\\s+\\S+\\s+up\\s.*"), "link lo back and up:\n" + status);
        assertEquals(2, added.get(), "joined again once, as a new link");
    }

    /** A logged-in client of alice and both ends' TUNs. */
    private record Tunnel(BraidClient client, LoginResult login, int clientAddress, InMemoryTun proxyTun,
                          InMemoryTun clientTun) {}

    private Tunnel tunnelUp(CipherSuite suite) throws Exception {
        BraidClient client = client("alice", PASSWORD, suite);
        LoginResult login = client.awaitLogin(10, TimeUnit.SECONDS);
        int clientAddress = Ipv4.parse(login.parameters().virtualAddress().getHostAddress());
        InMemoryTun proxyTun = proxyTuns.awaitCreated(5, TimeUnit.SECONDS);
        InMemoryTun clientTun = clientTuns.awaitCreated(5, TimeUnit.SECONDS);
        return new Tunnel(client, login, clientAddress, proxyTun, clientTun);
    }

    /** Injects {@code packet} into {@code from} and expects the identical bytes out of {@code to}. */
    private static void assertDelivered(InMemoryTun from, InMemoryTun to, ByteBuf packet) throws InterruptedException {
        byte[] expected = ByteBufUtil.getBytes(packet);
        from.inject(packet);
        ByteBuf received = to.pollWritten(5, TimeUnit.SECONDS);
        assertNotNull(received, "packet did not come out of the tunnel");
        try {
            assertArrayEquals(expected, ByteBufUtil.getBytes(received));
        } finally {
            received.release();
        }
    }

    @Test
    void ipv6CrossesTheTunnelBesideIpv4WithAClientPool6() throws Exception {
        proxyTuns.awaitCreated(5, TimeUnit.SECONDS); // the IPv4-only proxy's, not used here
        proxy = startProxy(0, config -> {
            config.setClientPool6(InetPrefix.parse("fd00:77::/64"));
            config.setControlSocket(dir.resolve("proxy6.sock").toString());
        });
        Tunnel up = tunnelUp(CipherSuite.CHACHA20_POLY1305);
        assertEquals("fd00:77::2/64", String.valueOf(up.login().parameters().ipv6()));
        Ipv6Address client6 = Ipv6Address.of(up.login().parameters().ipv6().address());
        for (int i = 0; i < 20; i++) {
            assertDelivered(up.clientTun(), up.proxyTun(), TestIpPackets.udp6(client6, SERVER6, ("up " + i).getBytes(StandardCharsets.UTF_8)));
            assertDelivered(up.proxyTun(), up.clientTun(), TestIpPackets.udp6(SERVER6, client6, ("down " + i).getBytes(StandardCharsets.UTF_8)));
            assertDelivered(up.clientTun(), up.proxyTun(), TestIpPackets.udp(up.clientAddress(), SERVER_BEHIND_PROXY, new byte[] {(byte) i}));
        }
        // to an address of the pool no session has: counted, not delivered
        up.proxyTun().inject(TestIpPackets.udp6(SERVER6, client6.plus(1), new byte[] {1}));
        assertDelivered(up.proxyTun(), up.clientTun(), TestIpPackets.udp6(SERVER6, client6, new byte[] {2}));
        assertEquals(1, proxy.drops().get(DropReason.NO_ROUTE));
        // not from the client's own IPv6 address (its kernel's link-local chatter): the client keeps it
        up.clientTun().inject(TestIpPackets.udp6(client6.plus(1), SERVER6, new byte[] {3}));
        assertDelivered(up.clientTun(), up.proxyTun(), TestIpPackets.udp6(client6, SERVER6, new byte[] {4}));
        assertEquals(1, up.client().drops().get(DropReason.NO_IPV6));
        String status = ControlSocket.request(dir.resolve("proxy6.sock"), "status");
        assertTrue(status.contains("(alice, 10.77.0.2, fd00:77::2)"), status);
        assertTrue(status.contains("pool 10.77.0.0/24 fd00:77::/64"), status);
        String json = ControlSocket.request(dir.resolve("proxy6.sock"), "status-json").replace(" ", "");
        assertTrue(json.contains("\"address6\":\"fd00:77::2\"") && json.contains("\"pool6\":{"), json);
    }

    @Test
    void withoutAClientPool6Ipv6IsDroppedAndCounted() throws Exception {
        Tunnel up = tunnelUp(CipherSuite.CHACHA20_POLY1305);
        assertNull(up.login().parameters().ipv6());
        Ipv6Address someone = new Ipv6Address(0xfd00_0077_0000_0000L, 2);
        up.clientTun().inject(TestIpPackets.udp6(someone, SERVER6, new byte[] {1}));
        assertDelivered(up.clientTun(), up.proxyTun(), TestIpPackets.udp(up.clientAddress(), SERVER_BEHIND_PROXY,
                new byte[] {2}));
        assertEquals(1, up.client().drops().get(DropReason.NO_IPV6));
        up.proxyTun().inject(TestIpPackets.udp6(SERVER6, someone, new byte[] {3}));
        assertDelivered(up.proxyTun(), up.clientTun(), TestIpPackets.udp(SERVER_BEHIND_PROXY, up.clientAddress(),
                new byte[] {4}));
        assertEquals(1, proxy.drops().get(DropReason.NO_ROUTE));
    }

    @Test
    void wrongPasswordIsRefusedWithAClearMessage() throws Exception {
        BraidClient client = client("alice", "wrong".getBytes(StandardCharsets.UTF_8), CipherSuite.CHACHA20_POLY1305);
        LoginFailedException failure = assertThrows(LoginFailedException.class, () -> client.awaitLogin(10, TimeUnit.SECONDS));
        assertEquals("authentication failed for user alice", failure.getMessage());
    }

    @Test
    void unknownUserLooksLikeAWrongPassword() throws Exception {
        BraidClient client = client("mallory", PASSWORD, CipherSuite.CHACHA20_POLY1305);
        LoginFailedException failure = assertThrows(LoginFailedException.class, () -> client.awaitLogin(20, TimeUnit.SECONDS));
        assertEquals("authentication failed for user mallory", failure.getMessage());
    }

    @Test
    void spoofedSourceFromAClientIsDropped() throws Exception {
        Tunnel up = tunnelUp(CipherSuite.CHACHA20_POLY1305);
        up.clientTun().inject(TestIpPackets.udp(up.clientAddress() + 1, SERVER_BEHIND_PROXY, new byte[] {1}));
        assertDelivered(up.clientTun(), up.proxyTun(), TestIpPackets.udp(up.clientAddress(), SERVER_BEHIND_PROXY,
                new byte[] {2}));
        assertEquals(1, proxy.drops().get(dev.braid.core.wire.DropReason.SPOOFED_SOURCE));
    }

    @Test
    void clientLogsInAgainWhenTheProxyRestarts() throws Exception {
        BraidClient client = client("alice", PASSWORD, CipherSuite.AES_256_GCM);
        LoginResult first = client.awaitLogin(10, TimeUnit.SECONDS);
        int clientAddress = Ipv4.parse(first.parameters().virtualAddress().getHostAddress());
        proxyTuns.awaitCreated(5, TimeUnit.SECONDS);
        InMemoryTun clientTun = clientTuns.awaitCreated(5, TimeUnit.SECONDS);
        int port = proxy.localAddress().getPort();
        proxy.close();
        running.remove(proxy);
        proxy = startProxy(port);
        InMemoryTun newProxyTun = proxyTuns.awaitCreated(5, TimeUnit.SECONDS);

        // Traffic from the client meets "unknown session" and makes it log in again by itself.
        long deadline = System.nanoTime() + Duration.ofSeconds(15).toNanos();
        ByteBuf received = null;
        while (received == null && System.nanoTime() < deadline) {
            clientTun.inject(TestIpPackets.udp(clientAddress, SERVER_BEHIND_PROXY, "again".getBytes(StandardCharsets.UTF_8)));
            received = newProxyTun.pollWritten(200, TimeUnit.MILLISECONDS);
        }
        assertNotNull(received, "no traffic through the restarted proxy: the client did not log in again");
        received.release();
        while ((received = newProxyTun.pollWritten(300, TimeUnit.MILLISECONDS)) != null) {
            received.release();
        }
        assertEquals(2, client.sessionsStarted(), "one session before the restart, one after");
        assertTrue(client.isTunnelUp());
    }

    /**
     * A load generator's clients share one event loop and login worker and push their TUN packets
     * through a shared reading: both log in, carry packets, open no control socket, and closing
     * one leaves the shared threads to the other.
     */
    @Test
    void clientsOnSharedThreadsLogInAndCarryPackets() throws Exception {
        InMemoryTun proxyTun = proxyTuns.awaitCreated(5, TimeUnit.SECONDS);
        AtomicInteger readings = new AtomicInteger();
        TunReading counted = (device, sink, onFatal) -> {
            readings.incrementAndGet();
            TunReading.THREAD_PER_DEVICE.start(device, sink, onFatal);
        };
        UdpTransport transport = new UdpTransport(1, "shared-test");
        ExecutorService proofs = Executors.newSingleThreadExecutor(r -> new Thread(r, "shared-proofs"));
        ExecutorService worker = Executors.newSingleThreadExecutor(r -> new Thread(r, "shared-worker"));
        List<String> tunSetUpOn = new CopyOnWriteArrayList<>();
        try {
            SharedClientThreads shared = new SharedClientThreads(transport, proofs, worker, counted);
            List<BraidClient> clients = new ArrayList<>();
            List<InMemoryTunFactory> tuns = List.of(new InMemoryTunFactory(), new InMemoryTunFactory());
            for (int i = 0; i < 2; i++) {
                ClientConfig config = new ClientConfig();
                config.setProxy(new HostPort("127.0.0.1", proxy.localAddress().getPort()));
                config.setUser("alice");
                config.setControlSocket(dir.resolve("shared-" + i + ".sock").toString());
                BraidClient client = new BraidClient(config, List.of(LinkConfig.named("lo")), CORE_ONLY,
                        new SetUpOn(tuns.get(i), tunSetUpOn), PASSWORD, SystemClock.INSTANCE).onSharedThreads(shared);
                running.add(0, client);
                client.start();
                clients.add(client);
            }
            List<Integer> addresses = new ArrayList<>();
            for (BraidClient client : clients) {
                addresses.add(Ipv4.parse(client.awaitLogin(10, TimeUnit.SECONDS).parameters().virtualAddress().getHostAddress()));
                assertTrue(client.isTunnelUp());
                assertEquals(1, client.sessionsStarted());
            }
            assertEquals(2, readings.get(), "each client's TUN is read through the shared reading");
            // Apart from the proofs, so a rush of them never holds back a session that logged in.
            assertEquals(List.of("shared-worker", "shared-worker"), tunSetUpOn, "the TUN set-up runs on the worker");
            assertFalse(Files.exists(dir.resolve("shared-0.sock")), "no control socket on shared threads");
            InMemoryTun second = tuns.get(1).awaitCreated(5, TimeUnit.SECONDS);
            assertDelivered(tuns.get(0).awaitCreated(5, TimeUnit.SECONDS), proxyTun,
                    TestIpPackets.udp(addresses.get(0), SERVER_BEHIND_PROXY, "first".getBytes(StandardCharsets.UTF_8)));
            clients.get(0).close();
            assertFalse(transport.group().isShuttingDown(), "a client leaves the shared loops running");
            assertDelivered(second, proxyTun,
                    TestIpPackets.udp(addresses.get(1), SERVER_BEHIND_PROXY, "second".getBytes(StandardCharsets.UTF_8)));
        } finally {
            for (AutoCloseable c : List.copyOf(running)) {
                if (c instanceof BraidClient) {
                    c.close();
                    running.remove(c);
                }
            }
            proofs.shutdownNow();
            worker.shutdownNow();
            transport.close();
        }
    }

    /** Notes the thread each TUN is created on. */
    private record SetUpOn(TunFactory tuns, List<String> threads) implements TunFactory {
        @Override
        public TunDevice create(TunSpec spec) {
            threads.add(Thread.currentThread().getName());
            return tuns.create(spec);
        }
    }

    @Test
    void aReloadWithoutAUserEndsItsSessionAndKeepsTheOthers() throws Exception {
        editUsers(users -> users.add(UserRecord.create("bob", PASSWORD, Argon2Params.TEST_CHEAP, new SecureRandom()), false));
        assertEquals(Optional.of("users: added bob"), usersReload.apply(usersReload.read()));
        client("alice", PASSWORD, CipherSuite.CHACHA20_POLY1305).awaitLogin(10, TimeUnit.SECONDS);
        LoginResult bob = client("bob", PASSWORD, CipherSuite.CHACHA20_POLY1305).awaitLogin(10, TimeUnit.SECONDS);
        InMemoryTun proxyTun = proxyTuns.awaitCreated(5, TimeUnit.SECONDS);
        clientTuns.awaitCreated(5, TimeUnit.SECONDS);
        InMemoryTun bobsTun = clientTuns.awaitCreated(5, TimeUnit.SECONDS);
        awaitProxyStatus("sessions 2/");

        editUsers(users -> users.remove("alice"));
        assertEquals(Optional.of("users: removed alice (1 session ended)"), usersReload.apply(usersReload.read()));
        String status = awaitProxyStatus("sessions 1/");
        assertTrue(status.contains("(bob, ") && !status.contains("(alice, "), status);
        int bobsAddress = Ipv4.parse(bob.parameters().virtualAddress().getHostAddress());
        assertDelivered(bobsTun, proxyTun, TestIpPackets.udp(bobsAddress, SERVER_BEHIND_PROXY, new byte[] {7}));
    }

    @Test
    void aUserWhoLogsInAgainGetsItsAddressBackWhileItIsFree() throws Exception {
        editUsers(users -> users.add(UserRecord.create("bob", PASSWORD, Argon2Params.TEST_CHEAP, new SecureRandom()), false));
        usersReload.apply(usersReload.read());
        BraidClient first = client("alice", PASSWORD, CipherSuite.AES_256_GCM);
        String alices = first.awaitLogin(10, TimeUnit.SECONDS).parameters().virtualAddress().getHostAddress();
        first.close();
        awaitProxyStatus("sessions 0/");
        String bobs = client("bob", PASSWORD, CipherSuite.AES_256_GCM).awaitLogin(10, TimeUnit.SECONDS)
                .parameters().virtualAddress().getHostAddress();

        String again = client("alice", PASSWORD, CipherSuite.AES_256_GCM, "alice-again").awaitLogin(10, TimeUnit.SECONDS)
                .parameters().virtualAddress().getHostAddress();
        assertEquals(alices, again, "bob got " + bobs);
    }

    @Test
    void aNewPasswordCountsFromTheNextLoginAndTheRunningSessionStays() throws Exception {
        LoginResult login = client("alice", PASSWORD, CipherSuite.AES_256_GCM).awaitLogin(10, TimeUnit.SECONDS);
        InMemoryTun proxyTun = proxyTuns.awaitCreated(5, TimeUnit.SECONDS);
        InMemoryTun clientTun = clientTuns.awaitCreated(5, TimeUnit.SECONDS);
        byte[] newPassword = "battery staple".getBytes(StandardCharsets.UTF_8);
        editUsers(users -> users.add(UserRecord.create("alice", newPassword, Argon2Params.TEST_CHEAP, new SecureRandom()), true));
        assertEquals(Optional.of("users: new password for alice (from the next login)"), usersReload.apply(usersReload.read()));

        int address = Ipv4.parse(login.parameters().virtualAddress().getHostAddress());
        assertDelivered(clientTun, proxyTun, TestIpPackets.udp(address, SERVER_BEHIND_PROXY, new byte[] {1}));
        BraidClient oldPassword = client("alice", PASSWORD, CipherSuite.AES_256_GCM);
        assertThrows(LoginFailedException.class, () -> oldPassword.awaitLogin(10, TimeUnit.SECONDS));
        client("alice", newPassword, CipherSuite.AES_256_GCM).awaitLogin(10, TimeUnit.SECONDS);
    }

    @Test
    void aBrokenUsersFileIsRefusedAndTheUsersInMemoryStay() throws Exception {
        Files.writeString(dir.resolve("users"), "alice:not a record\n");
        UsersFileException broken = assertThrows(UsersFileException.class, usersReload::read);
        assertTrue(broken.getMessage().startsWith(dir.resolve("users") + ":1: "), broken.getMessage());
        client("alice", PASSWORD, CipherSuite.CHACHA20_POLY1305).awaitLogin(10, TimeUnit.SECONDS);
    }

    private interface UsersEdit {
        void apply(UsersFile users) throws Exception;
    }

    private void editUsers(UsersEdit edit) throws Exception {
        UsersFile users = UsersFile.load(dir.resolve("users"));
        edit.apply(users);
        users.save(dir.resolve("users"));
    }

    /** Polls the proxy's status until it contains {@code text}. @return that status */
    private String awaitProxyStatus(String text) throws Exception {
        String status = pollUntil(Duration.ofSeconds(10), () -> ControlSocket.request(dir.resolve("proxy.sock"), "status"),
                s -> s.contains(text));
        assertTrue(status.contains(text), "proxy status never showed '" + text + "':\n" + status);
        return status;
    }

    /** Reads {@code read} until {@code done} holds or {@code timeout} has passed. @return the last value read */
    private static <T> T pollUntil(Duration timeout, Callable<T> read, Predicate<T> done) throws Exception {
        long deadline = System.nanoTime() + timeout.toNanos();
        T value = read.call();
        while (!done.test(value) && System.nanoTime() < deadline) {
            Thread.sleep(50);
            value = read.call();
        }
        return value;
    }

    @Test
    void statusJsonFollowsSchemaOne() throws Exception {
        LoginResult login = client("alice", PASSWORD, CipherSuite.CHACHA20_POLY1305).awaitLogin(10, TimeUnit.SECONDS);
        ObjectMapper json = new ObjectMapper();
        JsonNode proxyStatus = json.readTree(ControlSocket.request(dir.resolve("proxy.sock"), "status-json"));
        assertEquals(1, proxyStatus.get("schema").asInt());
        assertEquals("proxy", proxyStatus.get("role").asText());
        assertEquals("127.0.0.1:" + proxy.localAddress().getPort(), proxyStatus.get("listen").asText());
        assertEquals("10.77.0.0/24", proxyStatus.at("/pool/cidr").asText());
        JsonNode session = proxyStatus.at("/sessions/0");
        assertEquals(Integer.toUnsignedLong(login.parameters().sessionId()), session.get("id").asLong());
        assertEquals("alice", session.get("user").asText());
        assertEquals(login.parameters().virtualAddress().getHostAddress(), session.get("address").asText());
        JsonNode link = session.at("/links/0");
        assertTrue(link.get("remote").asText().matches("127\\.0\\.0\\.1:\\d+"), link.toString());
        assertEquals("up", link.get("state").asText());
        for (String key : List.of("packets_out", "bytes_out", "packets_in", "bytes_in", "rate_out_bps", "rate_in_bps", "rtt_ms")) {
            assertTrue(link.has(key), key + " missing in " + link);
        }
        assertEquals(DropReason.values().length, proxyStatus.get("drops").size());

        // The client measures RTT with keepalives: smoothed, min and variance once a sample came.
        JsonNode clientStatus = pollUntil(Duration.ofSeconds(10),
                () -> json.readTree(ControlSocket.request(dir.resolve("client-alice.sock"), "status-json")),
                status -> !status.at("/sessions/0/links/0/rtt_ms").isNull());
        assertEquals("client", clientStatus.get("role").asText());
        assertTrue(clientStatus.get("logged_in").asBoolean());
        JsonNode rtt = clientStatus.at("/sessions/0/links/0/rtt_ms");
        assertTrue(rtt.get("smoothed").asDouble() > 0 && rtt.get("min").asDouble() > 0 && rtt.has("variance"), rtt.toString());
        assertEquals(session.get("id"), clientStatus.at("/sessions/0/id"), "one session id, printed one way at both ends");
    }

    @Test
    void theMetricsEndpointServesOpenMetricsOfTheRunningSessions() throws Exception {
        client("alice", PASSWORD, CipherSuite.CHACHA20_POLY1305).awaitLogin(10, TimeUnit.SECONDS);
        try (MetricsEndpoint endpoint = MetricsEndpoint.start(new HostPort("127.0.0.1", 0), () -> proxy.metricsSample(10))) {
            HttpResponse<String> scrape = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                            URI.create("http://127.0.0.1:" + endpoint.port() + "/metrics"))
                    .header("Accept", "application/openmetrics-text; version=1.0.0").build(), HttpResponse.BodyHandlers.ofString());
            assertEquals(200, scrape.statusCode());
            assertTrue(scrape.headers().firstValue("Content-Type").orElse("").startsWith("application/openmetrics-text"),
                    scrape.headers().toString());
            String text = scrape.body();
            assertTrue(text.contains("braid_sessions 1.0\n"), text);
            assertTrue(text.matches("(?s).*braid_link_bytes_total\\{direction=\"in\",link=\"[^\"]+\",link_id=\"0\","
                    + "session=\"\\d+\",user=\"alice\"} [1-9].*"), text);
        }
    }

    /** Attacks from strangers on loopback: the session and the login survive them. */
    @Nested
    class UnderAttack {

        @Test
        void forgedRejectsAndUnknownSessionsFromAStrangerAreCountedAndIgnored() throws Exception {
            Tunnel up = tunnelUp(CipherSuite.CHACHA20_POLY1305);
            BraidClient client = up.client();
            InetSocketAddress link = new InetSocketAddress("127.0.0.1", client.linkAddresses().get(0).getPort());
            try (DatagramSocket stranger = new DatagramSocket(new InetSocketAddress("127.0.0.1", 0))) {
                for (int i = 0; i < 20; i++) {
                    send(stranger, link, datagram(MessageType.REJECT, 0,
                            LoginMessages.encodeReject(0, RejectReason.AUTH_FAILED, null)));
                    send(stranger, link, datagram(MessageType.UNKNOWN_SESSION, up.login().parameters().sessionId(),
                            new byte[SessionToken.LENGTH]));
                }
            }
            awaitCount(client, DropReason.UNMATCHED_HANDSHAKE, 20);
            awaitCount(client, DropReason.FORGED_UNKNOWN_SESSION, 20);
            assertDelivered(up.clientTun(), up.proxyTun(), TestIpPackets.udp(up.clientAddress(), SERVER_BEHIND_PROXY,
                    new byte[] {3}));
            assertTrue(ControlSocket.request(dir.resolve("proxy.sock"), "status").contains("sessions 1/"));
        }

        @Test
        void aClientLogsInWithinFiveSecondsWhileOneAddressFloodsHellos() throws Exception {
            AtomicBoolean flooding = new AtomicBoolean(true);
            Thread flooder = new Thread(() -> floodHellos(flooding), "hello-flood");
            flooder.start();
            try {
                // The flood is under way (and held to its budget) before the client starts.
                pollUntil(Duration.ofSeconds(5), () -> proxy.drops().get(DropReason.HELLO_RATE_LIMITED), n -> n > 0);
                BraidClient client = client("alice", PASSWORD, CipherSuite.AES_256_GCM);
                assertEquals("alice", client.awaitLogin(5, TimeUnit.SECONDS).username());
            } finally {
                flooding.set(false);
                flooder.join(5_000);
            }
            assertTrue(proxy.drops().get(DropReason.HELLO_RATE_LIMITED) > 0, "the flooder was held to its budget");
        }

        @Test
        void aUserGetsNoMoreLiveSessionsThanItsLimitAndHearsWhy() throws Exception {
            int port = proxy.localAddress().getPort();
            proxy.close();
            running.remove(proxy);
            proxy = startProxy(port, config -> config.setMaxSessionsPerUser(1));
            client("alice", PASSWORD, CipherSuite.NONE, "first").awaitLogin(10, TimeUnit.SECONDS);
            BraidClient second = client("alice", PASSWORD, CipherSuite.NONE, "second");
            LoginFailedException failure = assertThrows(LoginFailedException.class,
                    () -> second.awaitLogin(10, TimeUnit.SECONDS));
            assertTrue(failure.getMessage().contains("max-sessions-per-user"), failure.getMessage());
        }

        @Test
        void aSecondProxyOnTheSamePortSaysSoInOneSentence() {
            int port = proxy.localAddress().getPort();
            StartupException e = assertThrows(StartupException.class,
                    () -> startProxy(port, config -> config.setControlSocket(dir.resolve("second.sock").toString())));
            assertEquals("UDP port " + port + " on 127.0.0.1 is already in use (another braid proxy?): stop it or"
                    + " choose another port in 'listen'", e.getMessage());
        }

        /** One address (127.1.0.1, another /24 than the client's) sends HELLOs and echoes every cookie. */
        private void floodHellos(AtomicBoolean flooding) {
            InetSocketAddress target = proxy.localAddress();
            byte[] hello = datagram(MessageType.HELLO, 0,
                    LoginMessages.encodeHello(LoginMessages.PROTOCOL_VERSION, "alice", new byte[16]));
            byte[] reply = new byte[2048];
            try (DatagramSocket socket = new DatagramSocket(new InetSocketAddress("127.1.0.1", 0))) {
                socket.setSoTimeout(1);
                while (flooding.get()) {
                    send(socket, target, hello);
                    DatagramPacket in = new DatagramPacket(reply, reply.length);
                    try {
                        socket.receive(in);
                        if (in.getLength() == BraidHeader.LENGTH + 33 && (reply[0] & 0x0f) == MessageType.COOKIE.code()) {
                            byte[] cookie = Arrays.copyOfRange(reply, BraidHeader.LENGTH + 17, BraidHeader.LENGTH + 33);
                            hello = datagram(MessageType.HELLO, 0, LoginMessages.encodeHello(
                                    LoginMessages.PROTOCOL_VERSION, "alice", new byte[16], cookie));
                        }
                    } catch (SocketTimeoutException nothing) {
                        // keep sending
                    }
                }
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }

    private static void awaitCount(BraidClient client, DropReason reason, long atLeast) throws Exception {
        long count = pollUntil(Duration.ofSeconds(5), () -> client.drops().get(reason), n -> n >= atLeast);
        assertEquals(atLeast, count, reason.label());
    }

    /** A handshake-style datagram: the 12-byte header (counter 0) and {@code body}. */
    private static byte[] datagram(MessageType type, int sessionId, byte[] body) {
        return ByteBuffer.allocate(BraidHeader.LENGTH + body.length).put((byte) (BraidHeader.VERSION << 4 | type.code()))
                .put((byte) 0).put((byte) 0).put((byte) 0).putInt(sessionId).putInt(0).put(body).array();
    }

    private static void send(DatagramSocket socket, InetSocketAddress to, byte[] datagram) {
        try {
            socket.send(new DatagramPacket(datagram, datagram.length, to));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
