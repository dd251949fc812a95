package dev.braid.core.proxy;

import dev.braid.core.crypto.CipherSuite;
import dev.braid.core.login.EstablishedLogin;
import dev.braid.core.login.LoginMessageType;
import dev.braid.core.login.ServerLogin;
import dev.braid.core.login.ServerLoginConfig;
import dev.braid.core.login.ServerLoginPolicy;
import dev.braid.core.login.ServerResponse;
import dev.braid.core.login.VerifierStore;
import dev.braid.core.time.Clock;
import dev.braid.core.wire.BraidHeader;
import dev.braid.core.wire.DropReason;
import dev.braid.core.wire.MessageType;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import java.net.InetSocketAddress;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.EnumSet;
import java.util.Set;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The proxy's login thread: handshake datagrams are copied off the event loop, answered by
 * {@link ServerLogin} (SRP costs milliseconds of modular arithmetic) and the results handed back to
 * the event loop. A bounded queue keeps a login flood from growing memory.
 */
final class ProxyLogin implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(ProxyLogin.class);
    private static final int MAX_QUEUED = 256;
    /** Clients are told to keep each link alive this often. */
    static final Duration KEEPALIVE_HINT = Duration.ofSeconds(10);

    private final ProxyServer server;
    private final ServerLogin serverLogin;
    private final Clock clock;
    private final ScheduledExecutorService executor;
    private final AtomicInteger queued = new AtomicInteger();

    ProxyLogin(ProxyServer server, VerifierStore users, Set<String> dataPaths, ProxyConfig config, Clock clock,
               SecureRandom random) {
        this.server = server;
        this.clock = clock;
        ServerLoginPolicy policy = new ServerLoginPolicy(config.isRequireEncryption(), EnumSet.allOf(CipherSuite.class),
                dataPaths, config.getMtu(), KEEPALIVE_HINT, config.getSessionIdleTimeout());
        this.serverLogin = new ServerLogin(users, (user, dataPath) -> server.reserve(user), policy,
                ServerLoginConfig.defaults(), ServerSecret.of(config), random);
        this.executor = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread thread = new Thread(r, "braid-login");
            thread.setDaemon(true);
            return thread;
        });
        executor.scheduleWithFixedDelay(() -> serverLogin.onTimeout(clock.nanos()), 1, 1, TimeUnit.SECONDS);
    }

    /** Called on the event loop. Takes ownership of {@code datagram} (reader index at the body). */
    void submit(BraidHeader header, ByteBuf datagram, InetSocketAddress sender) {
        byte[] body = ByteBufUtil.getBytes(datagram);
        datagram.release();
        if (queued.incrementAndGet() > MAX_QUEUED) {
            queued.decrementAndGet();
            server.drops().count(DropReason.RATE_LIMITED);
            return;
        }
        int linkId = header.linkId();
        executor.execute(() -> {
            try {
                answer(body, linkId, sender);
            } catch (RuntimeException e) {
                log.warn("login message from {} failed: {}", sender, e.toString());
            } finally {
                queued.decrementAndGet();
            }
        });
    }

    private void answer(byte[] body, int linkId, InetSocketAddress sender) {
        ServerResponse response = serverLogin.onMessage(sender.getAddress().getHostAddress(), body, clock.nanos());
        EstablishedLogin established = response.established().orElse(null);
        byte[] reply = response.reply().orElse(null);
        if (established == null && reply == null) {
            return;
        }
        server.loop().execute(() -> {
            if (established != null) {
                server.establish(established, linkId, sender);
            }
            if (reply != null) {
                MessageType type = MessageType.ofCode(LoginMessageType.of(reply).code());
                server.sendHandshake(type, linkId, reply, sender);
            }
        });
    }

    @Override
    public void close() throws InterruptedException {
        executor.shutdownNow();
        executor.awaitTermination(2, TimeUnit.SECONDS);
    }
}
