package dev.braid.core.login;

import static dev.braid.core.login.LoginFixture.client;
import static dev.braid.core.login.LoginFixture.proofFor;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.braid.core.crypto.CipherSuite;
import org.junit.jupiter.api.Test;

/** A stranger who cannot see the HELLO cannot end, steer or restart a login. */
class ForgedLoginRepliesTest {

    private final LoginFixture fixture = new LoginFixture().withUser("alice", "correct horse");

    @Test
    void aSprayOfRejectsWithGuessedIdsCannotEndTheLogin() {
        ClientLogin client = client("alice", "correct horse", CipherSuite.NONE);
        byte[] hello = client.start(0);
        for (RejectReason reason : RejectReason.values()) {
            for (int id : new int[] {0, 1, 0x7fffffff}) {
                assertSame(ClientEvent.UNMATCHED, client.onMessage(LoginMessages.encodeReject(id, reason, null), 0));
                assertSame(ClientEvent.UNMATCHED, client.onMessage(
                        LoginMessages.encodeReject(id, reason, new byte[16]), 0));
            }
        }
        assertEquals(ClientLogin.State.AWAIT_CHALLENGE, client.state());
        byte[] challenge = fixture.exchange(hello, 0);
        byte[] proof = proofFor(client, client.onMessage(challenge, 0), 0);
        assertInstanceOf(ClientEvent.Succeeded.class, client.onMessage(fixture.exchange(proof, 0), 0));
    }

    @Test
    void aForgedChallengeOrCookieForAnotherNonceIsIgnored() {
        ClientLogin client = client("alice", "correct horse", CipherSuite.NONE);
        byte[] hello = client.start(0);
        byte[] someoneElses = fixture.exchange(client("alice", "x", CipherSuite.NONE).start(0), 0);
        assertSame(ClientEvent.UNMATCHED, client.onMessage(someoneElses, 0));
        assertSame(ClientEvent.UNMATCHED, client.onMessage(LoginMessages.encodeCookie(new byte[16], new byte[16]), 0));
        assertEquals(ClientLogin.State.AWAIT_CHALLENGE, client.state());
        assertInstanceOf(ClientEvent.ComputeProof.class, client.onMessage(fixture.exchange(hello, 0), 0));
    }

    @Test
    void theRealRejectOfTheHelloOrTheProofStillEndsTheLogin() {
        LoginFixture crowded = new LoginFixture();
        crowded.config = crowded.config.withMaxPendingHandshakes(0);
        ClientLogin refused = client("alice", "correct horse", CipherSuite.NONE);
        byte[] helloReject = crowded.exchange(refused.start(0), 0);
        assertEquals(LoginFailure.Reason.RATE_LIMITED,
                assertInstanceOf(ClientEvent.Failed.class, refused.onMessage(helloReject, 0)).failure().reason());

        fixture.poolLeft = 0;
        ClientLogin client = client("alice", "correct horse", CipherSuite.NONE);
        byte[] challenge = fixture.exchange(client.start(0), 0);
        byte[] reject = fixture.exchange(proofFor(client, client.onMessage(challenge, 0), 0), 0);
        LoginFailure failure = assertInstanceOf(ClientEvent.Failed.class, client.onMessage(reject, 0)).failure();
        assertEquals(LoginFailure.Reason.POOL_EXHAUSTED, failure.reason());
    }

    @Test
    void cookiesAreFollowedAFewTimesOnly() throws Exception {
        ClientLogin client = client("alice", "correct horse", CipherSuite.NONE);
        byte[] hello = client.start(0);
        byte[] nonce = LoginMessages.decodeHello(hello).clientNonce();
        for (int i = 0; i < ClientLogin.MAX_COOKIES; i++) {
            assertInstanceOf(ClientEvent.Send.class, client.onMessage(LoginMessages.encodeCookie(nonce, new byte[16]), 0));
        }
        assertSame(ClientEvent.NOTHING, client.onMessage(LoginMessages.encodeCookie(nonce, new byte[16]), 0));
    }

    @Test
    void aVersionOneRefusalIsOnlyAHintWhenNoAnswerComes() {
        ClientLogin client = client("alice", "correct horse", CipherSuite.NONE);
        client.start(0);
        assertSame(ClientEvent.UNMATCHED, client.onMessage(
                LoginMessages.encodeLegacyReject(RejectReason.UNSUPPORTED_VERSION), 0));
        ClientEvent event = ClientEvent.NOTHING;
        for (long now = 0; !(event instanceof ClientEvent.Failed); now += 1000 * LoginFixture.SECOND) {
            event = client.onTimeout(now); // far past every retransmission deadline
        }
        LoginFailure failure = ((ClientEvent.Failed) event).failure();
        assertEquals(LoginFailure.Reason.NO_ANSWER, failure.reason());
        assertTrue(failure.message().contains("is the proxy older than this client?"), failure.message());
    }
}
