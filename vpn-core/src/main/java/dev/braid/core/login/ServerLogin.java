package dev.braid.core.login;

import dev.braid.core.crypto.CipherSuite;
import dev.braid.core.crypto.KeySchedule;
import dev.braid.core.crypto.SessionKeys;
import dev.braid.core.crypto.Srp;
import dev.braid.core.logging.FloodProofLog;
import dev.braid.core.spi.SessionIds;
import java.math.BigInteger;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import org.bouncycastle.crypto.CryptoException;
import org.bouncycastle.crypto.agreement.srp.SRP6Server;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Proxy side of the login handshake, sans-I/O; one instance serves all clients. Thread-safe, so a
 * pool of login workers can share it: the bookkeeping (handshakes, failure limits, logs) is under
 * one lock held for microseconds, the exponentiations run outside it. HELLO and PROOF each cost one
 * modular exponentiation (a few ms).
 *
 * <pre>
 * HELLO  -> failure limits -> user or deterministic fake user -> SRP B -> CHALLENGE (handshake kept)
 * PROOF  -> handshake by id -> rate limits -> verify M1 (failure counted) -> policy -> allocator
 *        -> M2, keys, ACCEPT MACed with the confirmation key + EstablishedLogin (once)
 * retransmitted HELLO/PROOF -> the cached answer, no new handshake, no second session
 * anything undecodable -> REJECT BAD_REQUEST if the request is at least as long, else silence
 * </pre>
 * No reply is ever longer than the request it answers (checked before returning). Cookies and
 * per-address HELLO limits are checked before, on the event loop ({@link HelloGate}); every
 * reply echoes the client nonce (or the handshake id) so the client can tell it from a forgery.
 */
public final class ServerLogin {

    private static final Logger LOG = LoggerFactory.getLogger(ServerLogin.class);

    private final VerifierStore store;
    private final SessionAllocator allocator;
    private final ServerLoginPolicy policy;
    private final ServerLoginConfig config;
    private final SecureRandom random;
    private final FakeUsers fakeUsers;
    private final SessionTokens sessionTokens;
    private final LoginFailureLimits failures;
    /* Strangers trigger these at will: one full line per 10 s each, then a summary by subnet. */
    private final FloodProofLog refusedLog = FloodProofLog.info(LOG, "login attempts refused by the failure limits");
    private final FloodProofLog failedLog = FloodProofLog.info(LOG, "failed logins");
    private final FloodProofLog crowdedLog = FloodProofLog.warn(LOG, "HELLOs refused for too many pending handshakes");
    /** Guards the handshake maps, {@link #failures} and the logs; never held across an exponentiation. */
    private final Object lock = new Object();
    /**
     * Insertion order = expiry order: every handshake lives equally long, and one whose PROOF is
     * queued is moved to the end ({@link #holdForProof}).
     */
    private final LinkedHashMap<Integer, Handshake> handshakes = new LinkedHashMap<>();
    private final Map<String, Integer> handshakeByHello = new HashMap<>();
    /** Handshakes that still owe a PROOF step (no answer yet): what admission control counts. */
    private volatile int open;
    /** PROOFs answered so far (each closed an open handshake); admission control watches its rate. */
    private volatile long answeredProofs;

    private static final class Handshake {
        /** Counted in {@link #open} until its PROOF is answered or it expires. */
        boolean isOpen = true;
        int id;
        String helloKey;
        String username;
        byte[] clientNonce;
        /** The HELLO announced that this client reads ACCEPT extensions (its IPv6 address). */
        boolean readsAcceptExtensions;
        byte[] serverNonce;
        byte[] paddedB;
        SRP6Server srp;
        byte[] challenge;
        long expiresNanos;
        byte[] proof;
        byte[] proofAnswer;
    }

    /**
     * @param serverSecret at least 16 random bytes, stable across restarts, so fake salts of unknown
     *                     users stay the same
     */
    public ServerLogin(VerifierStore store, SessionAllocator allocator, ServerLoginPolicy policy,
                       ServerLoginConfig config, byte[] serverSecret, SecureRandom random) {
        this.store = Objects.requireNonNull(store, "store");
        this.allocator = Objects.requireNonNull(allocator, "allocator");
        this.policy = Objects.requireNonNull(policy, "policy");
        this.config = Objects.requireNonNull(config, "config");
        this.random = Objects.requireNonNull(random, "random");
        this.fakeUsers = new FakeUsers(serverSecret, config.fakeUserArgon2());
        this.sessionTokens = new SessionTokens(serverSecret);
        this.failures = new LoginFailureLimits(config);
    }

    /**
     * Handles one login body from {@code sourceKey} (the caller's name for the sender's address,
     * e.g. "203.0.113.5"; used for rate limiting and duplicate detection).
     */
    public ServerResponse onMessage(String sourceKey, byte[] body, long nowNanos) {
        synchronized (lock) {
            expire(nowNanos);
        }
        LoginMessageType type = LoginMessageType.of(body);
        ServerResponse response;
        try {
            if (type == LoginMessageType.HELLO) {
                response = onHello(sourceKey, LoginMessages.decodeHello(body), body, nowNanos);
            } else if (type == LoginMessageType.PROOF) {
                response = onProof(sourceKey, LoginMessages.decodeProof(body), body, nowNanos);
            } else {
                LOG.trace("login: unexpected message type from {}", sourceKey);
                response = badRequest(0, body);
            }
        } catch (MalformedLoginMessageException e) {
            LOG.trace("login: malformed message from {}: {}", sourceKey, e.getMessage());
            response = badRequest(0, body);
        }
        Optional<byte[]> reply = response.reply();
        if (reply.isPresent() && reply.get().length > body.length) {
            LOG.warn("login: dropping a {}-byte reply to a {}-byte request (amplification guard)",
                    reply.get().length, body.length);
            return new ServerResponse(null, response.established().orElse(null));
        }
        return response;
    }

    /** @return when {@link #onTimeout} should run next (oldest handshake expiry), or Long.MAX_VALUE */
    public long nextDeadlineNanos() {
        synchronized (lock) {
            Iterator<Handshake> it = handshakes.values().iterator();
            return it.hasNext() ? it.next().expiresNanos : Long.MAX_VALUE;
        }
    }

    /** Forgets expired handshakes and writes the summaries of finished log windows; call every second or so. */
    public void onTimeout(long nowNanos) {
        synchronized (lock) {
            expire(nowNanos);
            refusedLog.flush(nowNanos);
            failedLog.flush(nowNanos);
            crowdedLog.flush(nowNanos);
        }
    }

    /** Handshakes currently held, answered ones included (for metrics and tests). */
    public int pendingHandshakes() {
        synchronized (lock) {
            return handshakes.size();
        }
    }

    /** Handshakes whose PROOF is still to come or to be verified; any thread may read it. */
    public int openHandshakes() {
        return open;
    }

    /** PROOFs answered so far, accepted or refused (not counting retransmissions); any thread may read it. */
    public long answeredProofs() {
        return answeredProofs;
    }

    /**
     * A PROOF for {@code handshakeId} was queued: the handshake lives on for a full lifetime from
     * now, so a login that got its CHALLENGE keeps its place however long the queue is.
     *
     * @return whether the handshake exists (its CHALLENGE was sent); if not, the PROOF is stray
     */
    public boolean holdForProof(int handshakeId, long nowNanos) {
        synchronized (lock) {
            Handshake h = handshakes.get(handshakeId);
            if (h == null || h.challenge == null) {
                return false;
            }
            if (h.isOpen) {
                h.expiresNanos = nowNanos + config.handshakeLifetime().toNanos();
                handshakes.remove(handshakeId);
                handshakes.put(handshakeId, h);
            }
            return true;
        }
    }

    private ServerResponse onHello(String source, LoginMessages.Hello hello, byte[] body, long now) {
        if (hello.version() != LoginMessages.PROTOCOL_VERSION) {
            return ServerResponse.replyWith(LoginMessages.encodeLegacyReject(RejectReason.UNSUPPORTED_VERSION));
        }
        String helloKey = source + '\n' + hello.username() + '\n' + HexFormat.of().formatHex(hello.clientNonce());
        Handshake h;
        synchronized (lock) {
            Integer existing = handshakeByHello.get(helloKey);
            if (existing != null) {
                LOG.trace("login: repeated HELLO from {} for {}", source, hello.username());
                byte[] challenge = handshakes.get(existing).challenge;
                return challenge == null ? ServerResponse.SILENT : ServerResponse.replyWith(challenge);
            }
            String refusal = failures.refusal(source, hello.username(), now);
            if (refusal != null) {
                refusedLog.event(Subnets.ofLiteral(source), now,
                        () -> "login: HELLO from " + source + " for user " + hello.username() + " refused: " + refusal);
                return ServerResponse.replyWith(LoginMessages.encodeReject(0, RejectReason.RATE_LIMITED,
                        hello.clientNonce()));
            }
            if (open >= config.maxPendingHandshakes()) {
                crowdedLog.event(Subnets.ofLiteral(source), now,
                        () -> "login: " + open + " handshakes pending, refusing HELLO from " + source);
                return ServerResponse.replyWith(LoginMessages.encodeReject(0, RejectReason.RATE_LIMITED,
                        hello.clientNonce()));
            }
            h = new Handshake();
            h.id = newHandshakeId();
            h.helloKey = helloKey;
            h.username = hello.username();
            h.clientNonce = hello.clientNonce();
            h.readsAcceptExtensions = hello.readsAcceptExtensions();
            h.expiresNanos = now + config.handshakeLifetime().toNanos();
            handshakes.put(h.id, h);
            handshakeByHello.put(helloKey, h.id);
            open++;
        }
        // Always derive the fake record, so known and unknown users cost the same.
        UserRecord fake = fakeUsers.forUser(hello.username(), store.costsInUse());
        UserRecord user = store.lookup(hello.username()).orElse(fake);
        byte[] serverNonce = new byte[LoginMessages.NONCE_LENGTH];
        random.nextBytes(serverNonce);
        SRP6Server srp = Srp.newServer(user.verifier(), random);
        byte[] paddedB = Srp.pad(srp.generateServerCredentials());
        byte[] challenge = LoginMessages.encodeChallenge(h.id, user.salt(), user.argon2(), paddedB, serverNonce,
                h.clientNonce);
        synchronized (lock) {
            h.serverNonce = serverNonce;
            h.srp = srp;
            h.paddedB = paddedB;
            h.challenge = challenge;
        }
        LOG.trace("login: handshake {} for user {} from {}", Integer.toUnsignedString(h.id), h.username, source);
        return ServerResponse.replyWith(challenge);
    }

    private ServerResponse onProof(String source, LoginMessages.Proof proof, byte[] body, long now) {
        Handshake h;
        synchronized (lock) {
            h = handshakes.get(proof.handshakeId());
            if (h == null || h.challenge == null) {
                LOG.trace("login: PROOF for unknown or expired handshake from {}", source);
                return ServerResponse.replyWith(LoginMessages.encodeReject(proof.handshakeId(),
                        RejectReason.BAD_REQUEST, null));
            }
            if (h.proof != null) {
                if (Arrays.equals(h.proof, body)) {
                    LOG.trace("login: repeated PROOF for handshake {}", Integer.toUnsignedString(h.id));
                    // Still being verified by another worker: its answer is on the way.
                    return h.proofAnswer == null ? ServerResponse.SILENT : ServerResponse.replyWith(h.proofAnswer);
                }
                return ServerResponse.replyWith(LoginMessages.encodeReject(h.id, RejectReason.BAD_REQUEST,
                        h.clientNonce));
            }
            h.proof = body.clone();
            String refusal = failures.refusal(source, h.username, now);
            if (refusal != null) {
                refusedLog.event(Subnets.ofLiteral(source), now,
                        () -> "login: PROOF from " + source + " for user " + h.username + " refused: " + refusal);
                return answer(h, RejectReason.RATE_LIMITED);
            }
        }
        // This worker claimed the handshake (h.proof): h.srp is its alone from here.
        byte[] sessionKey;
        byte[] m2;
        try {
            h.srp.calculateSecret(Srp.toBigInteger(proof.a()));
            if (!h.srp.verifyClientEvidenceMessage(new BigInteger(1, proof.m1()))) {
                return authFailed(h, source, now);
            }
            m2 = Srp.hashBytes(h.srp.calculateServerEvidenceMessage());
            sessionKey = Srp.hashBytes(h.srp.calculateSessionKey());
        } catch (CryptoException e) {
            return authFailed(h, source, now);
        }
        synchronized (lock) {
            failures.recordSuccess(source, h.username);
        }
        if (!policy.allowedSuites().contains(proof.suite())) {
            boolean wantsNone = proof.suite() == CipherSuite.NONE;
            LOG.info("login: user {} asked for suite {}, refused", h.username, proof.suite().configName());
            return answer(h, wantsNone ? RejectReason.ENCRYPTION_REQUIRED : RejectReason.BAD_REQUEST);
        }
        if (policy.requireEncryption() && !proof.suite().encrypts()) {
            LOG.info("login: user {} asked for no encryption, refused", h.username);
            return answer(h, RejectReason.ENCRYPTION_REQUIRED);
        }
        if (!policy.dataPaths().contains(proof.dataPath())) {
            LOG.info("login: user {} asked for unknown data path '{}'", h.username, proof.dataPath());
            return answer(h, RejectReason.BAD_REQUEST);
        }
        SessionAllocator.Result allocation = allocator.allocate(h.username, proof.dataPath());
        if (allocation.refusal() != null) {
            return answer(h, allocation.refusal()); // the allocator logged why
        }
        SessionAllocation slot = allocation.granted();
        SessionParameters parameters = new SessionParameters(slot.sessionId(), slot.virtualAddress(),
                slot.prefixLength(), policy.tunnelMtu(), proof.suite(), proof.dataPath(), policy.keepaliveHint(),
                policy.idleTimeoutHint(), sessionTokens.forSession(slot.sessionId()),
                h.readsAcceptExtensions ? slot.ipv6() : null, h.readsAcceptExtensions ? policy.pushed() : PushedConfig.NONE);
        SessionKeys keys = KeySchedule.derive(sessionKey, proof.a(), h.paddedB, h.clientNonce, h.serverNonce);
        byte[] withoutMac = LoginMessages.encodeAcceptWithoutMac(h.id, m2, parameters);
        byte[] accept = Arrays.copyOf(withoutMac, withoutMac.length + LoginMessages.MAC_LENGTH);
        System.arraycopy(Hmacs.sha256(keys.confirmation(), withoutMac), 0, accept, withoutMac.length,
                LoginMessages.MAC_LENGTH);
        finish(h, accept);
        LOG.info("login: user {} from {} accepted, session {} address {} suite {} data path {}", h.username, source,
                SessionIds.format(slot.sessionId()), slot.virtualAddress().getHostAddress(),
                proof.suite().configName(), proof.dataPath());
        return new ServerResponse(accept, new EstablishedLogin(h.username, source, keys, parameters));
    }

    private ServerResponse authFailed(Handshake h, String source, long now) {
        synchronized (lock) {
            failures.recordFailure(source, h.username, now);
            failedLog.event(Subnets.ofLiteral(source), now,
                    () -> "login: authentication failed for user " + h.username + " from " + source);
            return answer(h, RejectReason.AUTH_FAILED);
        }
    }

    private ServerResponse answer(Handshake h, RejectReason reason) {
        byte[] reject = LoginMessages.encodeReject(h.id, reason, h.clientNonce);
        finish(h, reject);
        return ServerResponse.replyWith(reject);
    }

    /** The PROOF is answered: the answer is cached for retransmissions, the handshake no longer open. */
    private void finish(Handshake h, byte[] proofAnswer) {
        synchronized (lock) {
            h.proofAnswer = proofAnswer;
            h.srp = null;
            if (h.isOpen) {
                answeredProofs++;
            }
            close(h);
        }
    }

    private void close(Handshake h) {
        if (h.isOpen) {
            h.isOpen = false;
            open--;
        }
    }

    private static ServerResponse badRequest(int handshakeId, byte[] request) {
        return request.length >= LoginMessages.REJECT_LENGTH
                ? ServerResponse.replyWith(LoginMessages.encodeReject(handshakeId, RejectReason.BAD_REQUEST, null))
                : ServerResponse.SILENT;
    }

    private int newHandshakeId() {
        int id;
        do {
            id = random.nextInt();
        } while (id == 0 || handshakes.containsKey(id));
        return id;
    }

    private void expire(long nowNanos) {
        Iterator<Handshake> it = handshakes.values().iterator();
        while (it.hasNext()) {
            Handshake h = it.next();
            if (nowNanos - h.expiresNanos < 0) {
                return;
            }
            handshakeByHello.remove(h.helloKey);
            it.remove();
            close(h);
        }
    }

}
