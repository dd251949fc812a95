package dev.braid.core.proxy;

import dev.braid.core.crypto.CipherSuite;
import dev.braid.core.logging.FloodProofLog;
import dev.braid.core.login.EstablishedLogin;
import dev.braid.core.login.HelloGate;
import dev.braid.core.login.LoginMessageType;
import dev.braid.core.login.LoginMessages;
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
 * The proxy's login path, from the event loop to the login workers and back:
 *
 * <pre>
 * 1. event loop: HELLO -> {@link HelloGate} (cookie, per-address and per-subnet budget);
 *    a COOKIE or version refusal goes straight back
 * 2. admission, still on the loop: a HELLO over its budget, beyond the open-handshake cap or
 *    pushed out of a full queue gets BUSY "retry after T" (REJECT RATE_LIMITED for a client too
 *    old to understand BUSY); a PROOF whose CHALLENGE was sent always gets in, and its handshake
 *    is held open meanwhile; other handshake types are UNEXPECTED_HANDSHAKE drops
 * 3. {@link LoginWorkers} (one per core by default): PROOFs first, HELLOs round robin by subnet;
 *    {@link ServerLogin} (SRP costs about a millisecond per step)
 * 4. event loop: the session is established, the reply sent
 * </pre>
 */
final class ProxyLogin implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(ProxyLogin.class);
    /** About 100 ms of HELLO work per worker at 1.3 ms each: beyond that a HELLO would only wait to expire. */
    private static final int HELLOS_PER_WORKER = 32;
    /** Open handshakes a proxy that has not yet seen a PROOF allows (see {@link HandshakeAdmission}). */
    private static final int OPEN_HANDSHAKES_FLOOR = 64;
    /** Clients are told to keep each link alive this often. */
    static final Duration KEEPALIVE_HINT = Duration.ofSeconds(10);

    /** A login message on its way to a worker; {@code hello} is null for a PROOF. */
    private record Message(byte[] body, int linkId, InetSocketAddress sender, LoginMessages.Hello hello) {
    }

    private final ProxyServer server;
    private final ServerLogin serverLogin;
    private final HelloGate gate;
    private final Clock clock;
    private final LoginWorkers<Message> workers;
    private final HandshakeAdmission admission;
    private final ScheduledFuture<?> maintenance;
    private final FloodProofLog refusedHellos = FloodProofLog.info(log, "HELLOs over their address's or subnet's budget");
    private final FloodProofLog queueFull = FloodProofLog.warn(log, "login messages turned away for a full login queue");
    private final FloodProofLog failures = FloodProofLog.warn(log, "login messages that failed");

    ProxyLogin(ProxyServer server, VerifierStore users, Set<String> dataPaths, ProxyConfig config, byte[] serverSecret,
               Clock clock, SecureRandom random) {
        this.server = server;
        this.clock = clock;
        ServerLoginPolicy policy = new ServerLoginPolicy(config.isRequireEncryption(), EnumSet.allOf(CipherSuite.class),
                dataPaths, config.getMtu(), KEEPALIVE_HINT, config.getSessionIdleTimeout(), config.getPushed());
        ServerLoginConfig loginConfig = ServerLoginConfig.defaults();
        this.serverLogin = new ServerLogin(users, (user, dataPath) -> server.reserve(user), policy,
                loginConfig, serverSecret, random);
        this.admission = new HandshakeAdmission(loginConfig.handshakeLifetime(), OPEN_HANDSHAKES_FLOOR,
                loginConfig.maxPendingHandshakes());
        this.gate = new HelloGate(HelloGate.Limits.defaults(), random);
        int threads = config.effectiveLoginWorkers();
        // Every open handshake may queue one PROOF (and a retransmission): they always fit.
        LoginQueue<Message> queue = new LoginQueue<>(2 * loginConfig.maxPendingHandshakes(), HELLOS_PER_WORKER * threads);
        this.workers = new LoginWorkers<>("braid-login", threads, queue, clock, this::answer,
                e -> failures.event("", clock.nanos(), () -> "login message failed: " + e));
        this.maintenance = server.loop().scheduleWithFixedDelay(this::tick, 1, 1, TimeUnit.SECONDS);
        log.info("login: {} worker(s)", threads);
    }

    /** Called on the event loop. Takes ownership of {@code datagram} (reader index at the body). */
    void submit(BraidHeader header, ByteBuf datagram, InetSocketAddress sender) {
        byte[] body = ByteBufUtil.getBytes(datagram);
        datagram.release();
        int linkId = header.linkId();
        LoginMessageType type = LoginMessageType.of(body);
        if (type == LoginMessageType.PROOF) {
            submitProof(new Message(body, linkId, sender, null));
        } else if (type == LoginMessageType.HELLO) {
            submitHello(body, linkId, sender);
        } else {
            server.drops().count(DropReason.UNEXPECTED_HANDSHAKE);
        }
    }

    /** A started login keeps its place; a PROOF for no known handshake waits among the HELLOs. */
    private void submitProof(Message proof) {
        long now = clock.nanos();
        boolean started = proof.body().length >= 5 && serverLogin.holdForProof(handshakeId(proof.body()), now);
        if (!started) {
            enqueueAmongHellos(proof, now);
        } else if (!workers.offerProof(proof)) {
            countQueueFull(proof, now); // the client retransmits its PROOF
        }
    }

    private void submitHello(byte[] body, int linkId, InetSocketAddress sender) {
        long now = clock.nanos();
        HelloGate.Verdict verdict = gate.check(sender.getAddress(), body, now);
        switch (verdict.outcome()) {
            case ADMIT -> admit(new Message(body, linkId, sender, verdict.hello()), now);
            case REPLY -> server.sendHandshake(MessageType.ofCode(verdict.reply()[0]), linkId, verdict.reply(), sender);
            case RATE_LIMITED -> {
                server.drops().count(DropReason.HELLO_RATE_LIMITED);
                refusedHellos.event(Subnets.of(sender.getAddress()), now,
                        () -> "login: HELLO from " + sender + " over its budget, answered BUSY or dropped");
                if (verdict.hello() != null && verdict.hello().understandsBusy()) {
                    busy(new Message(body, linkId, sender, verdict.hello()), verdict.retryAfter(), now);
                }
            }
            case MALFORMED -> server.drops().count(DropReason.MALFORMED_BODY);
        }
    }

    /** Into the queue if there is room for one more handshake; whoever does not fit is told BUSY. */
    private void admit(Message hello, long now) {
        if (!roomForAnotherHandshake(now)) {
            server.drops().count(DropReason.LOGIN_BUSY);
            busy(hello, retryAfter(now), now);
            return;
        }
        enqueueAmongHellos(hello, now);
    }

    /**
     * Whether one more HELLO would get a handshake its client can still answer in time: the open
     * ones, the HELLOs queued and one in flight per worker stay below {@link HandshakeAdmission}'s
     * limit (never above the cap of {@link ServerLogin}, so it never has to refuse one).
     */
    private boolean roomForAnotherHandshake(long now) {
        admission.answeredSoFar(serverLogin.answeredProofs(), now);
        return admission.admits(pendingHandshakes(), now);
    }

    private int pendingHandshakes() {
        return serverLogin.openHandshakes() + workers.queuedHellos() + workers.workers();
    }

    /** Until the admitted work is done: the slower of the workers' backlog and the clients' answers. */
    private Duration retryAfter(long now) {
        Duration workersBusy = workers.retryAfter(serverLogin.openHandshakes());
        Duration clientsBusy = admission.drainTime(pendingHandshakes(), now);
        Duration longer = workersBusy.compareTo(clientsBusy) >= 0 ? workersBusy : clientsBusy;
        return longer.compareTo(BusyHint.MAX) > 0 ? BusyHint.MAX : longer;
    }

    /** Into its subnet's share of the queue; what does not fit (it, or a flood's newest) is turned away. */
    private void enqueueAmongHellos(Message message, long now) {
        Message refused = workers.offerHello(Subnets.of(message.sender().getAddress()), message).refused();
        if (refused != null) {
            countQueueFull(refused, now);
            if (refused.hello() != null) {
                busy(refused, retryAfter(now), now);
            }
        }
    }

    private void busy(Message hello, Duration retryAfter, long now) {
        byte[] reply = gate.busyReply(hello.sender().getAddress(), hello.hello(), retryAfter, now);
        if (reply != null) {
            server.sendHandshake(MessageType.ofCode(reply[0]), hello.linkId(), reply, hello.sender());
        }
    }

    private void countQueueFull(Message message, long now) {
        server.drops().count(DropReason.LOGIN_QUEUE_FULL);
        queueFull.event(Subnets.of(message.sender().getAddress()), now, () -> "login queue full: turning away a "
                + LoginMessageType.of(message.body()) + " from " + message.sender());
    }

    private static int handshakeId(byte[] proof) {
        return (proof[1] & 0xff) << 24 | (proof[2] & 0xff) << 16 | (proof[3] & 0xff) << 8 | (proof[4] & 0xff);
    }

    /** On a worker. */
    private void answer(Message message) {
        InetSocketAddress sender = message.sender();
        ServerResponse response = serverLogin.onMessage(Subnets.loginSource(sender.getAddress()), message.body(),
                clock.nanos());
        EstablishedLogin established = response.established().orElse(null);
        byte[] reply = response.reply().orElse(null);
        if (established == null && reply == null) {
            return;
        }
        server.loop().execute(() -> {
            if (established != null) {
                server.establish(established, message.linkId(), sender);
            }
            if (reply != null) {
                MessageType type = MessageType.ofCode(LoginMessageType.of(reply).code());
                server.sendHandshake(type, message.linkId(), reply, sender);
            }
        });
    }

    /** Every second on the event loop: log summaries here; handshake expiry is cheap, so here too. */
    private void tick() {
        long now = clock.nanos();
        refusedHellos.flush(now);
        queueFull.flush(now);
        failures.flush(now);
        serverLogin.onTimeout(now);
    }

    @Override
    public void close() throws InterruptedException {
        maintenance.cancel(false);
        workers.close();
    }
}
