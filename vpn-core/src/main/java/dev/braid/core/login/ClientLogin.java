package dev.braid.core.login;

import dev.braid.core.crypto.KeySchedule;
import dev.braid.core.crypto.SessionKeys;
import dev.braid.core.crypto.Srp;
import dev.braid.core.spi.SessionIds;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.Objects;
import java.util.Optional;
import org.bouncycastle.crypto.CryptoException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Client side of the login handshake, sans-I/O. One instance per login attempt; not thread-safe,
 * drive it from one thread (the event loop).
 *
 * <pre>
 * 1. start(now)                -> HELLO to send                         (AWAIT_CHALLENGE)
 *    onMessage(COOKIE, now)    -> the HELLO again, with the proxy's cookie (at most 3 times)
 *    onMessage(BUSY, now)      -> nothing now; the HELLO again after the proxy's hint plus a
 *                                 jittered backoff ({@link BusyBackoff}), with a fresh budget
 * 2. onMessage(CHALLENGE, now) -> ComputeProof(work)                    (COMPUTING_PROOF)
 * 3. work.compute() on a worker thread (Argon2id + SRP, ~100 ms)
 * 4. completeProof(result, now) on the event loop -> PROOF to send      (AWAIT_ACCEPT)
 * 5. onMessage(ACCEPT, now)    -> verify M2 and MAC -> Succeeded(result) (ESTABLISHED)
 *    onMessage(REJECT, now)    -> Failed(reason)                         (FAILED)
 * onTimeout(now) at nextDeadlineNanos(): retransmit HELLO or PROOF (1 s, doubling) or fail with
 * NO_ANSWER after maxSends. The retransmission budget restarts for PROOF, and there is no
 * deadline while the proof is being computed.
 * </pre>
 * Only answers to this login count: COOKIE, CHALLENGE and REJECT must echo this login's client
 * nonce (a REJECT of the PROOF may name the handshake id instead), ACCEPT must carry the
 * handshake id and verify; anything else is {@link ClientEvent#UNMATCHED}, so a stranger who
 * cannot see the HELLO cannot end or steer the login.
 */
public final class ClientLogin {

    public enum State {
        NEW, AWAIT_CHALLENGE, COMPUTING_PROOF, AWAIT_ACCEPT, ESTABLISHED, FAILED;

        boolean canMoveTo(State next) {
            return switch (this) {
                case NEW -> next == AWAIT_CHALLENGE;
                case AWAIT_CHALLENGE -> next == COMPUTING_PROOF || next == FAILED;
                case COMPUTING_PROOF -> next == AWAIT_ACCEPT || next == FAILED;
                case AWAIT_ACCEPT -> next == ESTABLISHED || next == FAILED;
                case ESTABLISHED, FAILED -> false;
            };
        }
    }

    private static final Logger LOG = LoggerFactory.getLogger(ClientLogin.class);
    /** COOKIE answers followed per login; a proxy that keeps sending them is broken or forged. */
    static final int MAX_COOKIES = 3;

    private final String username;
    private final byte[] usernameBytes;
    private final byte[] password;
    private final ClientLoginOptions options;
    private final SecureRandom random;
    private final byte[] clientNonce = new byte[LoginMessages.NONCE_LENGTH];

    private State state = State.NEW;
    private int cookies;
    /** A version-1 REJECT UNSUPPORTED_VERSION came: unauthenticated, so only a hint if no answer comes. */
    private boolean olderProxyHint;
    private LoginMessages.Challenge challenge;
    private ProofComputation proof;
    private byte[] lastSent;
    private int sends;
    private long retransmitInterval;
    private long retransmitAt = Long.MAX_VALUE;
    private LoginResult result;
    private LoginFailure failure;
    private final BusyBackoff busyBackoff;
    /** The next timeout ends a BUSY wait: the HELLO goes out again with a fresh retransmission budget. */
    private boolean resumeAfterBusy;

    /**
     * @param password UTF-8 bytes of the password; copied, and the copy is zeroed when the login ends
     */
    public ClientLogin(String username, byte[] password, ClientLoginOptions options, SecureRandom random) {
        this.username = Usernames.requireValid(username);
        this.usernameBytes = username.getBytes(StandardCharsets.UTF_8);
        this.password = password.clone();
        this.options = Objects.requireNonNull(options, "options");
        this.random = Objects.requireNonNull(random, "random");
        this.busyBackoff = new BusyBackoff(random);
    }

    public State state() {
        return state;
    }

    public Optional<LoginResult> result() {
        return Optional.ofNullable(result);
    }

    public Optional<LoginFailure> failure() {
        return Optional.ofNullable(failure);
    }

    /** @return the HELLO body to send */
    public byte[] start(long nowNanos) {
        if (state != State.NEW) {
            throw new IllegalStateException("start() in state " + state);
        }
        random.nextBytes(clientNonce);
        transition(State.AWAIT_CHALLENGE, "sending HELLO");
        return send(LoginMessages.encodeHello(LoginMessages.PROTOCOL_VERSION, username, clientNonce), nowNanos, true);
    }

    /** Feeds one received login body. Unexpected, unmatched or malformed messages are ignored. */
    public ClientEvent onMessage(byte[] body, long nowNanos) {
        LoginMessageType type = LoginMessageType.of(body);
        try {
            if (type == LoginMessageType.COOKIE && state == State.AWAIT_CHALLENGE) {
                return onCookie(LoginMessages.decodeCookie(body), nowNanos);
            }
            if (type == LoginMessageType.BUSY && state == State.AWAIT_CHALLENGE) {
                return onBusy(LoginMessages.decodeBusy(body), nowNanos);
            }
            if (type == LoginMessageType.CHALLENGE && state == State.AWAIT_CHALLENGE) {
                return onChallenge(LoginMessages.decodeChallenge(body));
            }
            if (type == LoginMessageType.ACCEPT && state == State.AWAIT_ACCEPT) {
                return onAccept(LoginMessages.decodeAccept(body));
            }
            if (type == LoginMessageType.REJECT && isRunning()) {
                return onReject(LoginMessages.decodeReject(body));
            }
        } catch (MalformedLoginMessageException e) {
            if (state == State.AWAIT_CHALLENGE && Arrays.equals(body,
                    LoginMessages.encodeLegacyReject(RejectReason.UNSUPPORTED_VERSION))) {
                olderProxyHint = true;
            }
            LOG.trace("ignoring malformed login message: {}", e.getMessage());
            return ClientEvent.UNMATCHED;
        }
        LOG.trace("ignoring {} in state {}", type, state);
        return ClientEvent.NOTHING;
    }

    /**
     * Takes the finished proof computation (on the event loop) and returns the PROOF to send, or a
     * failure if the challenge was unusable. Ignored if the login ended meanwhile.
     */
    public ClientEvent completeProof(ProofComputation computation, long nowNanos) {
        if (state != State.COMPUTING_PROOF || computation.handshakeId != challenge.handshakeId()) {
            return ClientEvent.NOTHING;
        }
        if (computation.error != null) {
            return fail(new LoginFailure(LoginFailure.Reason.BAD_CHALLENGE, "proxy sent an unusable challenge: "
                    + computation.error));
        }
        proof = computation;
        transition(State.AWAIT_ACCEPT, "sending PROOF");
        byte[] body = LoginMessages.encodeProof(challenge.handshakeId(), computation.paddedA, computation.m1,
                options.suite(), options.dataPath());
        return new ClientEvent.Send(send(body, nowNanos, true));
    }

    /** @return when {@link #onTimeout} must be called next, or Long.MAX_VALUE */
    public long nextDeadlineNanos() {
        return retransmitAt;
    }

    /** Retransmits the last message or gives up ("proxy did not answer"). */
    public ClientEvent onTimeout(long nowNanos) {
        if ((state != State.AWAIT_CHALLENGE && state != State.AWAIT_ACCEPT) || nowNanos - retransmitAt < 0) {
            return ClientEvent.NOTHING;
        }
        if (resumeAfterBusy && state == State.AWAIT_CHALLENGE) {
            LOG.debug("login {}: sending HELLO again after BUSY", username);
            return new ClientEvent.Send(send(lastSent, nowNanos, true));
        }
        if (sends >= options.maxSends()) {
            return fail(new LoginFailure(LoginFailure.Reason.NO_ANSWER, olderProxyHint
                    ? "proxy did not answer (something at its address refused login protocol version "
                            + LoginMessages.PROTOCOL_VERSION + ": is the proxy older than this client?)"
                    : "proxy did not answer"));
        }
        LOG.debug("retransmitting in state {} (send {} of {})", state, sends + 1, options.maxSends());
        return new ClientEvent.Send(send(lastSent, nowNanos, false));
    }

    private ClientEvent onCookie(LoginMessages.Cookie cookie, long nowNanos) {
        if (!MessageDigest.isEqual(cookie.clientNonce(), clientNonce)) {
            LOG.trace("ignoring a COOKIE for another HELLO");
            return ClientEvent.UNMATCHED;
        }
        if (++cookies > MAX_COOKIES) {
            LOG.debug("ignoring COOKIE number {}", cookies);
            return ClientEvent.NOTHING;
        }
        LOG.debug("login {}: proxy asked for its cookie; sending HELLO again", username);
        byte[] hello = LoginMessages.encodeHello(LoginMessages.PROTOCOL_VERSION, username, clientNonce,
                cookie.cookie());
        return new ClientEvent.Send(send(hello, nowNanos, true));
    }

    private ClientEvent onBusy(LoginMessages.Busy busy, long nowNanos) {
        if (!MessageDigest.isEqual(busy.clientNonce(), clientNonce)) {
            LOG.trace("ignoring a BUSY for another HELLO");
            return ClientEvent.UNMATCHED;
        }
        if (busyBackoff.exhausted()) {
            return fail(new LoginFailure(LoginFailure.Reason.BUSY, "proxy is busy (too many logins at once): "
                    + "it said so " + busyBackoff.busies() + " times, giving up for now"));
        }
        long delay = busyBackoff.nextDelayNanos(busy.retryAfter());
        cookies = 0; // a long wait may outlive the cookie: the proxy may hand out a new one
        resumeAfterBusy = true;
        retransmitAt = nowNanos + delay;
        LOG.debug("login {}: proxy busy, HELLO again in {} ms", username, delay / 1_000_000);
        return ClientEvent.NOTHING;
    }

    private ClientEvent onChallenge(LoginMessages.Challenge received) {
        if (!MessageDigest.isEqual(received.clientNonce(), clientNonce)) {
            LOG.trace("ignoring a CHALLENGE for another HELLO");
            return ClientEvent.UNMATCHED;
        }
        String refusal = options.argon2Refusal(received.argon2());
        if (refusal != null) {
            return fail(new LoginFailure(LoginFailure.Reason.BAD_CHALLENGE, "proxy asked for " + refusal));
        }
        challenge = received;
        retransmitAt = Long.MAX_VALUE;
        transition(State.COMPUTING_PROOF, "challenge for handshake " + Integer.toUnsignedString(received.handshakeId()));
        return new ClientEvent.ComputeProof(new ProofWork(received.handshakeId(), usernameBytes, password,
                received.salt(), received.argon2(), received.b(), random));
    }

    private ClientEvent onAccept(LoginMessages.Accept accept) {
        if (accept.handshakeId() != challenge.handshakeId()) {
            LOG.trace("ignoring ACCEPT for another handshake");
            return ClientEvent.UNMATCHED;
        }
        byte[] sessionKey;
        try {
            if (!proof.client.verifyServerEvidenceMessage(Srp.toBigInteger(accept.m2()))) {
                return fail(notAuthentic("M2 mismatch"));
            }
            sessionKey = Srp.hashBytes(proof.client.calculateSessionKey());
        } catch (CryptoException e) {
            return fail(notAuthentic(e.getMessage()));
        }
        SessionKeys keys = KeySchedule.derive(sessionKey, proof.paddedA, challenge.b(), clientNonce,
                challenge.serverNonce());
        byte[] expectedMac = Hmacs.sha256(keys.confirmation(), accept.macInput());
        if (!MessageDigest.isEqual(expectedMac, accept.mac())) {
            return fail(notAuthentic("ACCEPT MAC mismatch"));
        }
        result = new LoginResult(username, keys, accept.parameters());
        retransmitAt = Long.MAX_VALUE;
        Arrays.fill(password, (byte) 0);
        transition(State.ESTABLISHED, "session " + SessionIds.format(accept.parameters().sessionId()));
        return new ClientEvent.Succeeded(result);
    }

    /** A REJECT counts when it echoes our nonce, or names the handshake our CHALLENGE opened. */
    private ClientEvent onReject(LoginMessages.Reject reject) {
        boolean echoesNonce = MessageDigest.isEqual(reject.clientNonce(), clientNonce);
        boolean namesHandshake = challenge != null && reject.handshakeId() != 0
                && reject.handshakeId() == challenge.handshakeId();
        if (!echoesNonce && !namesHandshake) {
            LOG.trace("ignoring a REJECT that answers none of this login's messages");
            return ClientEvent.UNMATCHED;
        }
        return fail(LoginFailure.rejected(reject.reason(), username));
    }

    private static LoginFailure notAuthentic(String detail) {
        return new LoginFailure(LoginFailure.Reason.SERVER_NOT_AUTHENTIC,
                "proxy could not prove it knows the user's verifier (" + detail + ")");
    }

    private boolean isRunning() {
        return state == State.AWAIT_CHALLENGE || state == State.COMPUTING_PROOF || state == State.AWAIT_ACCEPT;
    }

    private byte[] send(byte[] body, long nowNanos, boolean firstSend) {
        resumeAfterBusy = false;
        if (firstSend) {
            lastSent = body;
            sends = 0;
            retransmitInterval = options.initialRetransmit().toNanos();
        } else {
            retransmitInterval = Math.min(retransmitInterval * 2, Long.MAX_VALUE / 4);
        }
        sends++;
        retransmitAt = nowNanos + retransmitInterval;
        return body;
    }

    private ClientEvent fail(LoginFailure why) {
        failure = why;
        retransmitAt = Long.MAX_VALUE;
        Arrays.fill(password, (byte) 0);
        transition(State.FAILED, why.message());
        return new ClientEvent.Failed(why);
    }

    private void transition(State next, String why) {
        if (!state.canMoveTo(next)) {
            throw new IllegalStateException("login " + username + ": illegal transition " + state + " -> " + next);
        }
        LOG.debug("login {}: {} -> {} ({})", username, state, next, why);
        state = next;
    }
}
