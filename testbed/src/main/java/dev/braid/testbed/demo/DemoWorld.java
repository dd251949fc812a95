package dev.braid.testbed.demo;

import dev.braid.core.client.BraidClient;
import dev.braid.core.client.ClientConfig;
import dev.braid.core.client.LinkConfig;
import dev.braid.core.config.HostPort;
import dev.braid.core.crypto.Argon2Params;
import dev.braid.core.lifecycle.ControlSocket;
import dev.braid.core.lifecycle.PluginSet;
import dev.braid.core.login.LoginResult;
import dev.braid.core.login.UserRecord;
import dev.braid.core.login.UsersFile;
import dev.braid.core.proxy.ProxyConfig;
import dev.braid.core.proxy.ProxyServer;
import dev.braid.core.session.SingleLinkDataPath;
import dev.braid.core.time.Clock;
import dev.braid.core.tun.InMemoryTun;
import dev.braid.core.tun.InMemoryTunFactory;
import dev.braid.core.wire.Ipv4;
import dev.braid.multilink.MultilinkConfig;
import dev.braid.multilink.adapter.MultilinkDataPathFactory;
import dev.braid.testbed.linkem.LinkEmulator;
import dev.braid.testbed.linkem.LinkemConfig;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * The demo's world on loopback, all in this process and without root: a proxy and a client with
 * in-memory TUNs and the real multilink data path, one {@link LinkEmulator} per link between
 * them (client link i -> emulator i -> proxy), a throw-away user, control sockets in a temp dir.
 */
final class DemoWorld implements AutoCloseable {
    static final String USER = "demo";
    private static final long LOGIN_TIMEOUT_SECONDS = 15;

    private final List<AutoCloseable> started = new ArrayList<>();
    private final List<LinkEmulator> emulators = new ArrayList<>();
    private final Path proxySocket;
    private final Path clientSocket;
    private InMemoryTun proxyTun;
    private InMemoryTun clientTun;
    private int clientAddress;

    private DemoWorld(Path dir) {
        this.proxySocket = dir.resolve("proxy.sock");
        this.clientSocket = dir.resolve("client.sock");
    }

    /** Starts proxy, emulators and client and waits for the login; on failure stops what started. */
    static DemoWorld start(DemoSettings settings, Path dir, Clock clock) throws Exception {
        DemoWorld world = new DemoWorld(dir);
        try {
            world.startAll(settings, dir, clock);
            return world;
        } catch (Exception | Error e) {
            world.close();
            throw e;
        }
    }

    private void startAll(DemoSettings settings, Path dir, Clock clock) throws Exception {
        PluginSet plugins = plugins(settings);
        byte[] password = HexFormat.of().formatHex(new SecureRandom().generateSeed(16)).getBytes(StandardCharsets.UTF_8);
        UsersFile users = new UsersFile();
        users.add(UserRecord.create(USER, password, Argon2Params.TEST_CHEAP, new SecureRandom()), false);
        users.save(dir.resolve("users"));

        ProxyConfig proxyConfig = new ProxyConfig();
        proxyConfig.setListen(new HostPort("127.0.0.1", 0));
        proxyConfig.setUsers(dir.resolve("users").toString());
        proxyConfig.setControlSocket(proxySocket.toString());
        proxyConfig.setTunName("demo-proxy");
        InMemoryTunFactory proxyTuns = new InMemoryTunFactory();
        ProxyServer proxy = new ProxyServer(proxyConfig, plugins, proxyTuns, users, clock);
        started.add(proxy);
        proxy.start();
        proxyTun = proxyTuns.awaitCreated(5, TimeUnit.SECONDS);

        InetSocketAddress proxyAt = new InetSocketAddress("127.0.0.1", proxy.localAddress().getPort());
        List<LinkConfig> links = new ArrayList<>();
        for (int i = 0; i < settings.links().size(); i++) {
            LinkEmulator emulator = LinkEmulator.start(LinkemConfig.of(new InetSocketAddress("127.0.0.1", 0), proxyAt,
                    settings.links().get(i).link()).withSeed(i + 1), clock);
            started.add(emulator);
            emulators.add(emulator);
            LinkConfig link = LinkConfig.named(linkName(i));
            link.setProxy(new HostPort("127.0.0.1", emulator.listenAddress().getPort()));
            links.add(link);
        }

        ClientConfig clientConfig = new ClientConfig();
        clientConfig.setProxy(new HostPort("127.0.0.1", proxyAt.getPort()));
        clientConfig.setUser(USER);
        clientConfig.setDataPath(MultilinkDataPathFactory.NAME);
        clientConfig.setControlSocket(clientSocket.toString());
        clientConfig.setTunName("demo-client");
        InMemoryTunFactory clientTuns = new InMemoryTunFactory();
        BraidClient client = new BraidClient(clientConfig, links, plugins, clientTuns, password, clock);
        started.add(client);
        client.start();
        LoginResult login = client.awaitLogin(LOGIN_TIMEOUT_SECONDS, TimeUnit.SECONDS);
        clientAddress = Ipv4.parse(login.parameters().virtualAddress().getHostAddress());
        clientTun = clientTuns.awaitCreated(5, TimeUnit.SECONDS);
        if (proxyTun == null || clientTun == null) {
            throw new IllegalStateException("the in-memory TUNs did not appear");
        }
    }

    /** Both ends' data paths: the core's single-link one and multilink with the chosen scheduler. */
    private static PluginSet plugins(DemoSettings settings) {
        MultilinkConfig multilink = new MultilinkConfig();
        multilink.setScheduler(settings.scheduler());
        // The paper's case: a CBR stream above the links' capacity, Algorithm 1 drops what finds no room.
        multilink.setWhenNoRoom(dev.braid.multilink.protocol.NoRoomPolicy.DROP);
        List<String> weights = new ArrayList<>();
        for (int i = 0; i < settings.links().size(); i++) {
            // For the weighted scheduler: link rates in units of 100 kbit/s (at least 1).
            weights.add(linkName(i) + ":" + Math.max(1, settings.links().get(i).rateBitsPerSecond() / 100_000));
        }
        multilink.setLinkWeights(weights);
        List<String> problems = multilink.validate();
        if (!problems.isEmpty()) {
            throw new IllegalArgumentException(String.join("; ", problems));
        }
        return new PluginSet(Map.of(SingleLinkDataPath.NAME, new SingleLinkDataPath.Factory(),
                MultilinkDataPathFactory.NAME, new MultilinkDataPathFactory(multilink)), List.of(), List.of());
    }

    /** Link i's name at both ends (the proxy names a link "link" + its id too). */
    static String linkName(int index) {
        return "link" + index;
    }

    InMemoryTun proxyTun() {
        return proxyTun;
    }

    InMemoryTun clientTun() {
        return clientTun;
    }

    int clientAddress() {
        return clientAddress;
    }

    List<LinkEmulator> emulators() {
        return Collections.unmodifiableList(emulators);
    }

    /** The proxy's {@code braid status} text (the sender of the downstream stream). */
    String proxyStatus() throws IOException {
        return ControlSocket.request(proxySocket, "status");
    }

    /** The client's {@code braid status} text (the receiver, with the resequencer). */
    String clientStatus() throws IOException {
        return ControlSocket.request(clientSocket, "status");
    }

    /** Client first (it says goodbye through the links), then the emulators, then the proxy. */
    @Override
    public void close() {
        for (int i = started.size() - 1; i >= 0; i--) {
            try {
                started.get(i).close();
            } catch (Exception e) {
                // keep closing the rest; each part logs its own shutdown problems
            }
        }
        started.clear();
    }
}
