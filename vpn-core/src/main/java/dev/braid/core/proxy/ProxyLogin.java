package dev.braid.core.proxy;

import dev.braid.core.crypto.CipherSuite;
import dev.braid.core.logging.FloodProofLog;
import dev.braid.core.login.EstablishedLogin;
import dev.braid.core.login.HelloGate;
import dev.braid.core.login.LoginMessageType;
import dev.braid.core.login.ServerLogin;
import dev.braid.core.login.ServerLoginConfig;
import dev.braid.core.login.ServerLoginPolicy;
import dev.braid.core.login.ServerResponse;
import dev.braid.core.login.Subnets;
import dev.braid.core.login.VerifierStore;
import dev.braid.core.time.Clock;
import dev.braid.core.wire.BraidHeader;
import dev.braid.core.wire.DropReason;
import dev.braid.core.wire.MessageType;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.util.concurrent.ScheduledFuture;
import java.net.InetSocketAddress;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.EnumSet;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The proxy's login path, from the event loop to the login thread and back:
 *
 * <pre>
 * 1. event loop: HELLO -> {@link HelloGate} (cookie, per-address and per-subnet budget);
 *    a COOKIE or version refusal goes straight back, refused HELLOs are counted drops
 * 2. admitted HELLOs and all PROOFs -> their lane of {@link LoginLanes} (PROOFs first; a full
 *    lane is a LOGIN_QUEUE_FULL drop); other handshake types are UNEXPECTED_HANDSHAKE drops
 * 3. login thread: {@link ServerLogin} (SRP costs about a millisecond per step)
 * 4. event loop: the session is established, the reply sent
 * </pre>
 */
final class ProxyLogin implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(ProxyLogin.class);
    private static final int PROOF_LANE = 256;
    /** About 100 ms of HELLO work at 1.3 ms each: beyond that a HELLO would only wait to expire. */
    private static final int HELLO_LANE = 64;
    /** Clients are told to keep each link alive this often. */
    static final Duration KEEPALIVE_HINT = Duration.ofSeconds(10);

    private final ProxyServer server;
    private final ServerLogin serverLogin;
    private final HelloGate gate;
    private final Clock clock;
    private final LoginLanes lanes;
    private final ScheduledFuture<?> maintenance;
    private final FloodProofLog refusedHellos = FloodProofLog.info(log, "HELLOs over their address's or subnet's budget");
    private final FloodProofLog queueFull = FloodProofLog.warn(log, "login messages dropped for a full login queue");
    private final FloodProofLog failures = FloodProofLog.warn(log, "login messages that failed");

    ProxyLogin(ProxyServer server, VerifierStore users, Set<String> dataPaths, ProxyConfig config, byte[] serverSecret,
               Clock clock, SecureRandom random) {
        this.server = server;
        this.clock = clock;
        ServerLoginPolicy policy = new ServerLoginPolicy(config.isRequireEncryption(), EnumSet.allOf(CipherSuite.class),
                dataPaths, config.getMtu(), KEEPALIVE_HINT, config.getSessionIdleTimeout());
        this.serverLogin = new ServerLogin(users, (user, dataPath) -> server.reserve(user), policy,
                ServerLoginConfig.defaults(), serverSecret, random);
        this.gate = new HelloGate(HelloGate.Limits.defaults(), random);
        this.lanes = new LoginLanes("braid-login", PROOF_LANE, HELLO_LANE,
                e -> failures.event("", clock.nanos(), () -> "login message failed: " + e));
        this.maintenance = server.loop().scheduleWithFixedDelay(this::tick, 1, 1, TimeUnit.SECONDS);
    }

    /** Called on the event loop. Takes ownership of {@code datagram} (reader index at the body). */
    void submit(BraidHeader header, ByteBuf datagram, InetSocketAddress sender) {
        byte[] body = ByteBufUtil.getBytes(datagram);
        datagram.release();
        int linkId = header.linkId();
        LoginMessageType type = LoginMessageType.of(body);
        LoginLanes.Lane lane;
        if (type == LoginMessageType.PROOF) {
            lane = LoginLanes.Lane.PROOF;
        } else if (type == LoginMessageType.HELLO) {
            if (!passesGate(body, linkId, sender)) {
                return;
            }
            lane = LoginLanes.Lane.HELLO;
        } else {
            server.drops().count(DropReason.UNEXPECTED_HANDSHAKE);
            return;
        }
        if (!lanes.offer(lane, () -> answer(body, linkId, sender))) {
            server.drops().count(DropReason.LOGIN_QUEUE_FULL);
            queueFull.event(Subnets.of(sender.getAddress()), clock.nanos(),
                    () -> "login queue full (" + lane + " lane): dropping a " + type + " from " + sender);
        }
    }

    /** @return whether the HELLO goes on to the login thread; else it was answered or dropped */
    private boolean passesGate(byte[] body, int linkId, InetSocketAddress sender) {
        long now = clock.nanos();
        HelloGate.Verdict verdict = gate.check(sender.getAddress(), body, now);
        switch (verdict.outcome()) {
            case ADMIT -> {
                return true;
            }
            case REPLY -> server.sendHandshake(MessageType.ofCode(verdict.reply()[0]), linkId, verdict.reply(), sender);
            case RATE_LIMITED -> {
                server.drops().count(DropReason.HELLO_RATE_LIMITED);
                refusedHellos.event(Subnets.of(sender.getAddress()), now,
                        () -> "login: HELLO from " + sender + " over its budget, dropped");
            }
            case MALFORMED -> server.drops().count(DropReason.MALFORMED_BODY);
        }
        return false;
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

    /** Every second on the event loop: expiry and log summaries on the login thread, ours here. */
    private void tick() {
        long now = clock.nanos();
        refusedHellos.flush(now);
        queueFull.flush(now);
        failures.flush(now);
        lanes.offer(LoginLanes.Lane.PROOF, () -> serverLogin.onTimeout(clock.nanos()));
    }

    @Override
    public void close() throws InterruptedException {
        maintenance.cancel(false);
        lanes.close();
    }
}
