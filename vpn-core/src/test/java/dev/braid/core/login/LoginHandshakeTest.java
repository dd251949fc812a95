package dev.braid.core.login;

import static dev.braid.core.login.LoginFixture.SECOND;
import static dev.braid.core.login.LoginFixture.SOURCE;
import static dev.braid.core.login.LoginFixture.client;
import static dev.braid.core.login.LoginFixture.proofFor;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.braid.core.crypto.CipherSuite;
import java.time.Duration;
import java.util.EnumSet;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class LoginHandshakeTest {

    private final LoginFixture fixture = new LoginFixture().withUser("alice", "correct horse");

    @ParameterizedTest
    @EnumSource(CipherSuite.class)
    void roundTripGivesBothSidesTheSameKeysAndNoReplyIsLarger(CipherSuite suite) {
        ClientLogin client = client("alice", "correct horse", suite);
        byte[] hello = client.start(0);
        assertEquals(LoginMessages.MIN_HELLO_LENGTH, hello.length);
        byte[] challenge = fixture.exchange(hello, 0);
        assertEquals(LoginMessageType.CHALLENGE, LoginMessageType.of(challenge));
        byte[] proof = proofFor(client, client.onMessage(challenge, 0), 0);
        assertEquals(ClientLogin.State.AWAIT_ACCEPT, client.state());

        ServerResponse response = fixture.server().onMessage(SOURCE, proof, 0);
        byte[] accept = response.reply().orElseThrow();
        assertTrue(accept.length <= proof.length, "ACCEPT " + accept.length + " > PROOF " + proof.length);
        EstablishedLogin established = response.established().orElseThrow();

        LoginResult result = assertInstanceOf(ClientEvent.Succeeded.class, client.onMessage(accept, 0)).result();
        assertEquals(ClientLogin.State.ESTABLISHED, client.state());
        assertEquals(established.keys(), result.keys());
        assertEquals(established.parameters(), result.parameters());
        assertEquals("alice", established.username());
        assertEquals(suite, result.parameters().suite());
        assertEquals("multilink", established.dataPath());
        assertEquals(100, established.sessionId());
        assertEquals("10.99.0.100", established.virtualAddress().getHostAddress());
        assertEquals(24, result.parameters().prefixLength());
        assertEquals(1400, result.parameters().tunnelMtu());
        assertEquals(Duration.ofSeconds(1), result.parameters().keepaliveInterval());
        assertEquals(Duration.ofSeconds(60), result.parameters().idleTimeout());
        assertEquals(Long.MAX_VALUE, client.nextDeadlineNanos());
    }

    @Test
    void twoLoginsOfTheSameUserGetDifferentKeys() {
        LoginResult first = login(client("alice", "correct horse", CipherSuite.AES_256_GCM));
        LoginResult second = login(client("alice", "correct horse", CipherSuite.AES_256_GCM));
        assertNotEquals(first.keys(), second.keys());
    }

    @Test
    void wrongPasswordAndUnknownUserGetTheSameRejectShape() {
        byte[] wrongPassword = failedProofReply(client("alice", "wrong", CipherSuite.CHACHA20_POLY1305));
        byte[] unknownUser = failedProofReply(client("mallory", "whatever", CipherSuite.CHACHA20_POLY1305));
        assertEquals(wrongPassword.length, unknownUser.length);
        assertEquals(LoginMessages.REJECT_LENGTH, unknownUser.length);
        assertEquals(wrongPassword[0], unknownUser[0]);
        assertEquals(wrongPassword[5], unknownUser[5]);
        assertEquals(RejectReason.AUTH_FAILED.code(), unknownUser[5]);
    }

    @Test
    void unknownUserChallengeLooksRealAndIsStable() throws Exception {
        fixture.config = fixture.config.withFakeUserArgon2(fixture.users.get("alice").argon2());
        LoginMessages.Challenge real = LoginMessages.decodeChallenge(
                fixture.exchange(client("alice", "x", CipherSuite.NONE).start(0), 0));
        LoginMessages.Challenge fake1 = LoginMessages.decodeChallenge(
                fixture.exchange(client("nobody", "x", CipherSuite.NONE).start(0), 0));
        LoginMessages.Challenge fake2 = LoginMessages.decodeChallenge(
                fixture.exchange(client("nobody", "y", CipherSuite.NONE).start(0), 0));
        assertArrayEquals(fake1.salt(), fake2.salt(), "fake salt is deterministic");
        assertEquals(real.argon2(), fake1.argon2());
        assertNotEquals(java.util.Arrays.toString(real.salt()), java.util.Arrays.toString(fake1.salt()));
        LoginMessages.Challenge other = LoginMessages.decodeChallenge(
                fixture.exchange(client("nobody2", "y", CipherSuite.NONE).start(0), 0));
        assertFalse(java.util.Arrays.equals(fake1.salt(), other.salt()));
    }

    @Test
    void authFailedMessageNamesTheUser() {
        ClientLogin client = client("alice", "wrong", CipherSuite.NONE);
        byte[] reject = failedProofReply(client);
        LoginFailure failure = assertInstanceOf(ClientEvent.Failed.class, client.onMessage(reject, 0)).failure();
        assertEquals(LoginFailure.Reason.AUTH_FAILED, failure.reason());
        assertEquals("authentication failed for user alice", failure.message());
        assertEquals(ClientLogin.State.FAILED, client.state());
    }

    @Test
    void retransmittedHelloAndProofGetCachedAnswersAndOneSession() {
        ClientLogin client = client("alice", "correct horse", CipherSuite.CHACHA20_POLY1305);
        byte[] hello = client.start(0);
        byte[] challenge1 = fixture.exchange(hello, 0);
        byte[] challenge2 = fixture.exchange(hello, SECOND);
        assertArrayEquals(challenge1, challenge2);
        assertEquals(1, fixture.server().pendingHandshakes());

        byte[] proof = proofFor(client, client.onMessage(challenge1, SECOND), SECOND);
        assertSame(ClientEvent.NOTHING, client.onMessage(challenge2, SECOND), "duplicate CHALLENGE ignored");
        ServerResponse first = fixture.server().onMessage(SOURCE, proof, SECOND);
        ServerResponse again = fixture.server().onMessage(SOURCE, proof, 2 * SECOND);
        assertTrue(first.established().isPresent());
        assertTrue(again.established().isEmpty(), "no second session for a retransmitted PROOF");
        assertArrayEquals(first.reply().orElseThrow(), again.reply().orElseThrow());
        assertEquals(9, fixture.poolLeft);

        // A different PROOF for a finished handshake is refused, without touching the session.
        byte[] forged = proof.clone();
        forged[10] ^= 1;
        byte[] refused = fixture.exchange(forged, 2 * SECOND);
        assertEquals(RejectReason.BAD_REQUEST.code(), refused[5]);

        assertInstanceOf(ClientEvent.Succeeded.class, client.onMessage(first.reply().orElseThrow(), 2 * SECOND));
        assertSame(ClientEvent.NOTHING, client.onMessage(again.reply().orElseThrow(), 2 * SECOND));
    }

    @Test
    void clientRetransmitsWithDoublingAndGivesUp() {
        ClientLogin client = client("alice", "correct horse", CipherSuite.NONE);
        byte[] hello = client.start(0);
        assertEquals(SECOND, client.nextDeadlineNanos());
        assertSame(ClientEvent.NOTHING, client.onTimeout(SECOND / 2));
        long[] expectedDeadlines = {3 * SECOND, 7 * SECOND, 15 * SECOND, 31 * SECOND};
        for (long expected : expectedDeadlines) {
            ClientEvent event = client.onTimeout(client.nextDeadlineNanos());
            assertArrayEquals(hello, assertInstanceOf(ClientEvent.Send.class, event).body());
            assertEquals(expected, client.nextDeadlineNanos());
        }
        LoginFailure failure = assertInstanceOf(ClientEvent.Failed.class, client.onTimeout(31 * SECOND)).failure();
        assertEquals(LoginFailure.Reason.NO_ANSWER, failure.reason());
        assertEquals("proxy did not answer", failure.message());
        assertEquals(Long.MAX_VALUE, client.nextDeadlineNanos());
    }

    @Test
    void proofIsRetransmittedAndNoDeadlineWhileComputing() {
        ClientLogin client = client("alice", "correct horse", CipherSuite.NONE);
        byte[] challenge = fixture.exchange(client.start(0), 0);
        ClientEvent compute = client.onMessage(challenge, SECOND / 10);
        assertEquals(Long.MAX_VALUE, client.nextDeadlineNanos());
        byte[] proof = proofFor(client, compute, 5 * SECOND);
        assertEquals(6 * SECOND, client.nextDeadlineNanos());
        byte[] resent = assertInstanceOf(ClientEvent.Send.class, client.onTimeout(6 * SECOND)).body();
        assertArrayEquals(proof, resent);
        assertEquals(8 * SECOND, client.nextDeadlineNanos());
        // The lost first PROOF and the retransmission are identical: one session.
        byte[] accept = fixture.exchange(resent, 6 * SECOND);
        assertInstanceOf(ClientEvent.Succeeded.class, client.onMessage(accept, 6 * SECOND));
    }

    @Test
    void failuresAreRateLimitedPerUserAndRecover() {
        for (int i = 0; i < 5; i++) { // user burst is 5
            byte[] reject = failedProofReply(client("alice", "wrong" + i, CipherSuite.NONE));
            assertEquals(RejectReason.AUTH_FAILED.code(), reject[5]);
        }
        byte[] limited = fixture.exchange(client("alice", "correct horse", CipherSuite.NONE).start(0), 0);
        assertEquals(LoginMessages.REJECT_LENGTH, limited.length);
        assertEquals(RejectReason.RATE_LIMITED.code(), limited[5]);
        // Another user from the same source is still fine (source burst 10).
        assertEquals(LoginMessageType.CHALLENGE,
                LoginMessageType.of(fixture.exchange(client("bob", "x", CipherSuite.NONE).start(0), 0)));
        // One refill interval later (12 s) one attempt is allowed again.
        LoginResult ok = login(client("alice", "correct horse", CipherSuite.NONE), 12 * SECOND);
        assertEquals("alice", ok.username());
    }

    @Test
    void failuresAreRateLimitedPerSource() {
        for (int i = 0; i < 10; i++) { // source burst is 10, users differ
            assertEquals(RejectReason.AUTH_FAILED.code(), failedProofReply(client("u" + i, "x", CipherSuite.NONE))[5]);
        }
        ClientLogin client = client("alice", "correct horse", CipherSuite.NONE);
        byte[] limited = fixture.exchange(client.start(0), 0);
        LoginFailure failure = assertInstanceOf(ClientEvent.Failed.class, client.onMessage(limited, 0)).failure();
        assertEquals(LoginFailure.Reason.RATE_LIMITED, failure.reason());
        // A different source is unaffected.
        byte[] other = fixture.server().onMessage("198.51.100.1", client("alice", "x", CipherSuite.NONE).start(0), 0)
                .reply().orElseThrow();
        assertEquals(LoginMessageType.CHALLENGE, LoginMessageType.of(other));
    }

    @Test
    void parallelHandshakesCannotOutrunTheLimit() {
        // Open 8 handshakes while the user still has tokens, then fail them all: after 5 failures
        // the remaining proofs are answered RATE_LIMITED without checking the password.
        ClientLogin[] clients = new ClientLogin[8];
        ClientEvent[] challenges = new ClientEvent[8];
        for (int i = 0; i < 8; i++) {
            clients[i] = client("alice", "wrong", CipherSuite.NONE);
            challenges[i] = clients[i].onMessage(fixture.exchange(clients[i].start(0), 0), 0);
        }
        int authFailed = 0;
        int limited = 0;
        for (int i = 0; i < 8; i++) {
            byte[] reply = fixture.exchange(proofFor(clients[i], challenges[i], 0), 0);
            authFailed += reply[5] == RejectReason.AUTH_FAILED.code() ? 1 : 0;
            limited += reply[5] == RejectReason.RATE_LIMITED.code() ? 1 : 0;
        }
        assertEquals(5, authFailed);
        assertEquals(3, limited);
    }

    @Test
    void policyRejections() {
        fixture.policy = new ServerLoginPolicy(true, EnumSet.allOf(CipherSuite.class), Set.of("multilink"), 1400,
                Duration.ofSeconds(1), Duration.ofSeconds(60));
        assertEquals(LoginFailure.Reason.ENCRYPTION_REQUIRED, failedLogin(client("alice", "correct horse",
                CipherSuite.NONE)).reason());
        ClientLogin singlePath = new ClientLogin("alice", "correct horse".getBytes(),
                ClientLoginOptions.defaults(CipherSuite.AES_256_GCM, "single"), LoginFixture.RANDOM);
        assertEquals(LoginFailure.Reason.BAD_REQUEST, failedLogin(singlePath).reason());
        fixture.poolLeft = 0;
        assertEquals(LoginFailure.Reason.POOL_EXHAUSTED, failedLogin(client("alice", "correct horse",
                CipherSuite.AES_256_GCM)).reason());
    }

    @Test
    void suiteNotAllowedButNoneRequestedIsEncryptionRequired() {
        fixture.policy = new ServerLoginPolicy(false, EnumSet.of(CipherSuite.CHACHA20_POLY1305),
                Set.of("multilink"), 1400, Duration.ofSeconds(1), Duration.ofSeconds(60));
        assertEquals(LoginFailure.Reason.ENCRYPTION_REQUIRED,
                failedLogin(client("alice", "correct horse", CipherSuite.NONE)).reason());
        assertEquals(LoginFailure.Reason.BAD_REQUEST,
                failedLogin(client("alice", "correct horse", CipherSuite.AES_256_GCM)).reason());
    }

    @Test
    void unsupportedVersion() {
        byte[] hello = LoginMessages.encodeHello(9, "alice", new byte[16]);
        byte[] reply = fixture.exchange(hello, 0);
        assertEquals(LoginMessages.LEGACY_REJECT_LENGTH, reply.length, "shaped as version 1, which old clients read");
        assertEquals(RejectReason.UNSUPPORTED_VERSION.code(), reply[5]);
    }

    @Test
    void handshakesExpireAndAreCapped() {
        ClientLogin client = client("alice", "correct horse", CipherSuite.NONE);
        byte[] challenge = fixture.exchange(client.start(0), 0);
        assertEquals(10 * SECOND, fixture.server().nextDeadlineNanos());
        fixture.server().onTimeout(10 * SECOND);
        assertEquals(0, fixture.server().pendingHandshakes());
        assertEquals(Long.MAX_VALUE, fixture.server().nextDeadlineNanos());
        byte[] proof = proofFor(client, client.onMessage(challenge, 10 * SECOND), 10 * SECOND);
        assertEquals(RejectReason.BAD_REQUEST.code(), fixture.exchange(proof, 10 * SECOND)[5]);

        LoginFixture capped = new LoginFixture();
        capped.config = capped.config.withMaxPendingHandshakes(2);
        for (int i = 0; i < 2; i++) {
            assertEquals(LoginMessageType.CHALLENGE,
                    LoginMessageType.of(capped.exchange(client("u" + i, "x", CipherSuite.NONE).start(0), 0)));
        }
        assertEquals(RejectReason.RATE_LIMITED.code(),
                capped.exchange(client("u9", "x", CipherSuite.NONE).start(0), 0)[5]);
        assertEquals(LoginMessageType.CHALLENGE,
                LoginMessageType.of(capped.exchange(client("u9", "x", CipherSuite.NONE).start(0), 10 * SECOND)));
    }

    @Test
    void clientDetectsAProxyWithoutTheVerifierOrATamperedAccept() {
        // Tampered session parameters: MAC fails.
        ClientLogin client = client("alice", "correct horse", CipherSuite.AES_256_GCM);
        byte[] accept = acceptFor(client);
        accept[40] ^= 1; // inside the session id / address region
        LoginFailure failure = assertInstanceOf(ClientEvent.Failed.class, client.onMessage(accept, 0)).failure();
        assertEquals(LoginFailure.Reason.SERVER_NOT_AUTHENTIC, failure.reason());

        // Tampered M2.
        ClientLogin second = client("alice", "correct horse", CipherSuite.AES_256_GCM);
        byte[] accept2 = acceptFor(second);
        accept2[6] ^= 1;
        assertEquals(LoginFailure.Reason.SERVER_NOT_AUTHENTIC,
                assertInstanceOf(ClientEvent.Failed.class, second.onMessage(accept2, 0)).failure().reason());
    }

    @Test
    void clientRefusesExcessiveArgon2Cost() {
        ClientLogin client = new ClientLogin("alice", "pw".getBytes(),
                new ClientLoginOptions(CipherSuite.NONE, "single", Duration.ofSeconds(1), 5, 4), LoginFixture.RANDOM);
        byte[] challenge = fixture.exchange(client.start(0), 0); // TEST_CHEAP asks for 8 KiB
        assertEquals(LoginFailure.Reason.BAD_CHALLENGE,
                assertInstanceOf(ClientEvent.Failed.class, client.onMessage(challenge, 0)).failure().reason());
    }

    @Test
    void serverAnswersGarbageWithoutAmplification() {
        assertTrue(fixture.server().onMessage(SOURCE, new byte[0], 0).reply().isEmpty());
        assertTrue(fixture.server().onMessage(SOURCE, new byte[] {1, 1, 1}, 0).reply().isEmpty());
        assertTrue(fixture.server().onMessage(SOURCE, new byte[] {4, 0, 0, 0, 0, 0, 0}, 0).reply().isEmpty(),
                "shorter than a REJECT: silence");
        byte[] accept = new byte[LoginMessages.REJECT_LENGTH];
        accept[0] = 4; // an ACCEPT sent to the proxy
        assertEquals(RejectReason.BAD_REQUEST.code(), fixture.exchange(accept, 0)[5]);
        byte[] shortHello = java.util.Arrays.copyOf(client("alice", "x", CipherSuite.NONE).start(0), 1149);
        assertEquals(RejectReason.BAD_REQUEST.code(), fixture.exchange(shortHello, 0)[5]);
    }

    @Test
    void clientIgnoresRejectsForOtherHandshakes() {
        ClientLogin client = client("alice", "correct horse", CipherSuite.NONE);
        byte[] challenge = fixture.exchange(client.start(0), 0);
        byte[] proof = proofFor(client, client.onMessage(challenge, 0), 0);
        int handshakeId = java.nio.ByteBuffer.wrap(proof, 1, 4).getInt();
        byte[] stray = LoginMessages.encodeReject(handshakeId + 1, RejectReason.AUTH_FAILED, null);
        assertSame(ClientEvent.UNMATCHED, client.onMessage(stray, 0));
        assertSame(ClientEvent.UNMATCHED, client.onMessage(new byte[] {5, 1}, 0), "malformed REJECT ignored");
        assertSame(ClientEvent.UNMATCHED, client.onMessage(LoginMessages.encodeReject(0, RejectReason.AUTH_FAILED,
                null), 0), "a REJECT with id 0 and no nonce is a forgery");
        assertSame(ClientEvent.UNMATCHED, client.onMessage(
                LoginMessages.encodeLegacyReject(RejectReason.AUTH_FAILED), 0), "the old 6-byte REJECT too");
        assertEquals(ClientLogin.State.AWAIT_ACCEPT, client.state());
        assertInstanceOf(ClientEvent.Succeeded.class, client.onMessage(fixture.exchange(proof, 0), 0));
    }

    @Test
    void proofWorkRunsOnAWorkerThread() throws Exception {
        java.util.concurrent.ExecutorService worker = java.util.concurrent.Executors.newSingleThreadExecutor();
        try {
            ClientLogin client = client("alice", "correct horse", CipherSuite.CHACHA20_POLY1305);
            byte[] challenge = fixture.exchange(client.start(0), 0);
            ProofWork work = assertInstanceOf(ClientEvent.ComputeProof.class, client.onMessage(challenge, 0)).work();
            ProofComputation done = worker.submit(work::compute).get(30, java.util.concurrent.TimeUnit.SECONDS);
            byte[] proof = assertInstanceOf(ClientEvent.Send.class, client.completeProof(done, 0)).body();
            assertInstanceOf(ClientEvent.Succeeded.class, client.onMessage(fixture.exchange(proof, 0), 0));
            assertSame(ClientEvent.NOTHING, client.completeProof(done, 0), "late duplicate completion ignored");
        } finally {
            worker.shutdownNow();
        }
    }

    // ---- helpers ----

    private LoginResult login(ClientLogin client) {
        return login(client, 0);
    }

    private LoginResult login(ClientLogin client, long now) {
        byte[] challenge = fixture.exchange(client.start(now), now);
        byte[] accept = fixture.exchange(proofFor(client, client.onMessage(challenge, now), now), now);
        return assertInstanceOf(ClientEvent.Succeeded.class, client.onMessage(accept, now)).result();
    }

    private byte[] acceptFor(ClientLogin client) {
        byte[] challenge = fixture.exchange(client.start(0), 0);
        return fixture.exchange(proofFor(client, client.onMessage(challenge, 0), 0), 0);
    }

    private byte[] failedProofReply(ClientLogin client) {
        byte[] challenge = fixture.exchange(client.start(0), 0);
        ServerResponse response = fixture.server().onMessage(SOURCE, proofFor(client, client.onMessage(challenge, 0),
                0), 0);
        assertTrue(response.established().isEmpty());
        return response.reply().orElseThrow();
    }

    private LoginFailure failedLogin(ClientLogin client) {
        byte[] reply = acceptFor(client);
        return assertInstanceOf(ClientEvent.Failed.class, client.onMessage(reply, 0)).failure();
    }
}
