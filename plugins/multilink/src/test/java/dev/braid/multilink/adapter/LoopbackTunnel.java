package dev.braid.multilink.adapter;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.braid.core.client.BraidClient;
import dev.braid.core.client.ClientConfig;
import dev.braid.core.client.LinkConfig;
import dev.braid.core.config.HostPort;
import dev.braid.core.crypto.Argon2Params;
import dev.braid.core.crypto.CipherSuite;
import dev.braid.core.lifecycle.ControlSocket;
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
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * A proxy and a client in this JVM over loopback UDP, with in-memory TUNs and the multilink data
 * path at both ends; control sockets in {@code dir} as {@code proxy.sock} and {@code client.sock}.
 */
final class LoopbackTunnel implements AutoCloseable {
    private static final byte[] PASSWORD = "pw".getBytes(StandardCharsets.UTF_8);

    final Path dir;
    final ProxyServer proxy;
    final BraidClient client;
    final InMemoryTun proxyTun;
    final InMemoryTun clientTun;
    final int clientAddress;

    private LoopbackTunnel(Path dir, ProxyServer proxy, BraidClient client, InMemoryTun proxyTun, InMemoryTun clientTun,
                           int clientAddress) {
        this.dir = dir;
        this.proxy = proxy;
        this.client = client;
        this.proxyTun = proxyTun;
        this.clientTun = clientTun;
        this.clientAddress = clientAddress;
    }

    /** Starts both ends and waits for the tunnel; {@code clientSettings} may change the client's config. */
    static LoopbackTunnel start(Path dir, MultilinkConfig multilink, List<LinkConfig> links,
                                Consumer<ClientConfig> clientSettings) throws Exception {
        PluginSet plugins = new PluginSet(Map.of(
                SingleLinkDataPath.NAME, new SingleLinkDataPath.Factory(),
                MultilinkDataPathFactory.NAME, new MultilinkDataPathFactory(multilink)), List.of(), List.of());
        UsersFile users = new UsersFile();
        users.add(UserRecord.create("alice", PASSWORD, Argon2Params.TEST_CHEAP, new SecureRandom()), false);
        users.save(dir.resolve("users"));
        ProxyConfig proxyConfig = new ProxyConfig();
        proxyConfig.setListen(new HostPort("127.0.0.1", 0));
        proxyConfig.setUsers(dir.resolve("users").toString());
        proxyConfig.setControlSocket(dir.resolve("proxy.sock").toString());
        InMemoryTunFactory proxyTuns = new InMemoryTunFactory();
        ProxyServer proxy = new ProxyServer(proxyConfig, plugins, proxyTuns, users, SystemClock.INSTANCE);
        BraidClient client = null;
        try {
            proxy.start();
            ClientConfig clientConfig = new ClientConfig();
            clientConfig.setProxy(new HostPort("127.0.0.1", proxy.localAddress().getPort()));
            clientConfig.setUser("alice");
            clientConfig.setEncryption(CipherSuite.CHACHA20_POLY1305);
            clientConfig.setControlSocket(dir.resolve("client.sock").toString());
            clientSettings.accept(clientConfig);
            InMemoryTunFactory clientTuns = new InMemoryTunFactory();
            client = new BraidClient(clientConfig, links, plugins, clientTuns, PASSWORD, SystemClock.INSTANCE);
            client.start();
            LoginResult login = client.awaitLogin(10, TimeUnit.SECONDS);
            assertEquals("multilink", login.parameters().dataPath());
            return new LoopbackTunnel(dir, proxy, client, proxyTuns.awaitCreated(5, TimeUnit.SECONDS),
                    clientTuns.awaitCreated(5, TimeUnit.SECONDS),
                    Ipv4.parse(login.parameters().virtualAddress().getHostAddress()));
        } catch (Exception | Error e) {
            if (client != null) {
                client.close();
            }
            proxy.close();
            throw e;
        }
    }

    String clientStatus(String request) throws IOException {
        return ControlSocket.request(dir.resolve("client.sock"), request);
    }

    String proxyStatus(String request) throws IOException {
        return ControlSocket.request(dir.resolve("proxy.sock"), request);
    }

    @Override
    public void close() {
        client.close();
        proxy.close();
    }
}
