package dev.braid.benchmarks.forwarding;

import dev.braid.core.client.BraidClient;
import dev.braid.core.client.ClientConfig;
import dev.braid.core.client.LinkConfig;
import dev.braid.core.config.HostPort;
import dev.braid.core.config.IpPrefix;
import dev.braid.core.crypto.Argon2Params;
import dev.braid.core.crypto.CipherSuite;
import dev.braid.core.lifecycle.PluginSet;
import dev.braid.core.login.LoginResult;
import dev.braid.core.login.UserRecord;
import dev.braid.core.login.UsersFile;
import dev.braid.core.proxy.ProxyConfig;
import dev.braid.core.proxy.ProxyServer;
import dev.braid.core.session.SingleLinkDataPath;
import dev.braid.core.time.SystemClock;
import dev.braid.core.tun.InMemoryTun;
import dev.braid.core.tun.InMemoryTunFactory;
import dev.braid.core.wire.Ipv4;
import dev.braid.multilink.MultilinkConfig;
import dev.braid.multilink.adapter.MultilinkDataPathFactory;
import dev.braid.multilink.protocol.NoRoomPolicy;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * A proxy and a logged-in client in this JVM, one link over loopback UDP, in-memory TUNs at both
 * ends (as the core's in-memory tunnel tests run them). Close it to stop both and delete its
 * temporary directory (server secret, control sockets).
 */
final class InProcessTunnel implements AutoCloseable {
    private static final byte[] PASSWORD = "forwarding-bench".getBytes(StandardCharsets.UTF_8);

    private final Path dir;
    private final ProxyServer proxy;
    private final BraidClient client;
    private final InMemoryTun clientTun;
    private final InMemoryTun proxyTun;
    private final int clientAddress;

    private InProcessTunnel(Path dir, ProxyServer proxy, BraidClient client, InMemoryTun clientTun,
                            InMemoryTun proxyTun, int clientAddress) {
        this.dir = dir;
        this.proxy = proxy;
        this.client = client;
        this.clientTun = clientTun;
        this.proxyTun = proxyTun;
        this.clientAddress = clientAddress;
    }

    /**
     * Starts both ends and waits (bounded) until the client is logged in and both TUNs exist.
     *
     * @param inFlight bound of the generator; the multilink sender queues up to it instead of
     *                 dropping while CCID2's window opens
     * @param ackRatio multilink ack ratio, 0 for the plugin's default
     */
    static InProcessTunnel start(CipherSuite suite, String dataPath, int inFlight, int ackRatio) throws Exception {
        Path dir = Files.createTempDirectory("braid-forwarding");
        ProxyServer proxy = null;
        BraidClient client = null;
        try {
            MultilinkConfig multilink = new MultilinkConfig();
            multilink.setWhenNoRoom(NoRoomPolicy.QUEUE);
            multilink.setQueuePackets(Math.max(inFlight, multilink.getQueuePackets()));
            if (ackRatio > 0) {
                multilink.setAckRatio(ackRatio);
            }
            PluginSet plugins = new PluginSet(Map.of(
                    SingleLinkDataPath.NAME, new SingleLinkDataPath.Factory(),
                    MultilinkDataPathFactory.NAME, new MultilinkDataPathFactory(multilink)), List.of(), List.of());

            UsersFile users = new UsersFile();
            users.add(UserRecord.create("bench", PASSWORD, Argon2Params.TEST_CHEAP, new SecureRandom()), false);
            ProxyConfig proxyConfig = new ProxyConfig();
            proxyConfig.setListen(new HostPort("127.0.0.1", 0));
            proxyConfig.setClientPool(IpPrefix.parse("10.77.0.0/24"));
            proxyConfig.setRequireEncryption(false);
            proxyConfig.setUsers(dir.resolve("users").toString()); // its .secret goes beside it, in dir
            proxyConfig.setControlSocket(dir.resolve("proxy.sock").toString());
            InMemoryTunFactory proxyTuns = new InMemoryTunFactory();
            proxy = new ProxyServer(proxyConfig, plugins, proxyTuns, users, SystemClock.INSTANCE);
            proxy.start();

            ClientConfig clientConfig = new ClientConfig();
            clientConfig.setProxy(new HostPort("127.0.0.1", proxy.localAddress().getPort()));
            clientConfig.setUser("bench");
            clientConfig.setEncryption(suite);
            clientConfig.setDataPath(dataPath);
            clientConfig.setControlSocket(dir.resolve("client.sock").toString());
            InMemoryTunFactory clientTuns = new InMemoryTunFactory();
            client = new BraidClient(clientConfig, List.of(LinkConfig.named("lo")), plugins, clientTuns, PASSWORD,
                    SystemClock.INSTANCE);
            client.start();
            LoginResult login = client.awaitLogin(20, TimeUnit.SECONDS);
            if (login == null) {
                throw new IllegalStateException("the client did not log in within 20 s");
            }
            if (!dataPath.equals(login.parameters().dataPath()) || login.parameters().suite() != suite) {
                throw new IllegalStateException("negotiated " + login.parameters().dataPath() + "/"
                        + login.parameters().suite() + ", wanted " + dataPath + "/" + suite);
            }
            InMemoryTun proxyTun = require(proxyTuns.awaitCreated(10, TimeUnit.SECONDS), "proxy");
            InMemoryTun clientTun = require(clientTuns.awaitCreated(10, TimeUnit.SECONDS), "client");
            int address = Ipv4.parse(login.parameters().virtualAddress().getHostAddress());
            return new InProcessTunnel(dir, proxy, client, clientTun, proxyTun, address);
        } catch (Exception | Error e) {
            closeQuietly(client, proxy, dir);
            throw e;
        }
    }

    private static InMemoryTun require(InMemoryTun tun, String side) {
        if (tun == null) {
            throw new IllegalStateException("the " + side + " made no TUN within 10 s");
        }
        return tun;
    }

    /** Where the generator injects packets (what applications on the client send). */
    InMemoryTun clientTun() {
        return clientTun;
    }

    /** Where the proxy writes what came through the tunnel. */
    InMemoryTun proxyTun() {
        return proxyTun;
    }

    /** The client's virtual address: the proxy forwards only packets from it. */
    int clientAddress() {
        return clientAddress;
    }

    /** Packets the proxy dropped (all reasons) so far. */
    long proxyDrops() {
        return proxy.drops().total();
    }

    @Override
    public void close() {
        closeQuietly(client, proxy, dir);
    }

    private static void closeQuietly(BraidClient client, ProxyServer proxy, Path dir) {
        if (client != null) {
            client.close();
        }
        if (proxy != null) {
            proxy.close();
        }
        try (Stream<Path> files = Files.walk(dir)) {
            files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            // a leftover temp directory is harmless
        }
    }
}
