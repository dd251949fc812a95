package dev.braid.core.login;

import static dev.braid.core.login.LoginFixture.SECOND;
import static dev.braid.core.login.LoginFixture.SOURCE;
import static dev.braid.core.login.LoginFixture.client;
import static dev.braid.core.login.LoginFixture.proofFor;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.braid.core.crypto.CipherSuite;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/** One ServerLogin shared by several login workers; a queued PROOF keeps its handshake. */
class ServerLoginConcurrencyTest {

    private final LoginFixture fixture = new LoginFixture().withUser("alice", "correct horse");

    @Test
    void aQueuedProofKeepsItsHandshakeBeyondItsLifetime() throws Exception {
        ClientLogin login = client("alice", "correct horse", CipherSuite.NONE);
        byte[] challenge = fixture.exchange(login.start(0), 0);
        int id = LoginMessages.decodeChallenge(challenge).handshakeId();
        assertEquals(1, fixture.server().openHandshakes());
        assertFalse(fixture.server().holdForProof(id + 1, 9 * SECOND), "no such handshake: a stray PROOF");

        assertTrue(fixture.server().holdForProof(id, 9 * SECOND), "the PROOF is queued at 9 s");
        fixture.server().onTimeout(15 * SECOND);
        assertEquals(1, fixture.server().pendingHandshakes(), "held for a lifetime from the queueing");

        byte[] proof = proofFor(login, login.onMessage(challenge, 15 * SECOND), 15 * SECOND);
        ServerResponse accepted = fixture.server().onMessage(SOURCE, proof, 15 * SECOND);
        assertTrue(accepted.established().isPresent());
        assertEquals(0, fixture.server().openHandshakes(), "answered: no longer open");
        assertEquals(1, fixture.server().pendingHandshakes(), "the answer stays cached for retransmissions");
    }

    @Test
    void workersSharingOneServerLoginEachGetTheirOwnSession() throws Exception {
        int logins = 40;
        for (int i = 0; i < logins; i++) {
            fixture.withUser("u" + i, "pw" + i);
        }
        AtomicInteger nextId = new AtomicInteger(1);
        ServerLogin shared = new ServerLogin(name -> Optional.ofNullable(fixture.users.get(name)),
                (user, path) -> {
                    int id = nextId.getAndIncrement();
                    return SessionAllocator.Result.granted(new SessionAllocation(id,
                            LoginFixture.ipv4(10, 99, id >> 8, id & 0xff), 16));
                }, fixture.policy, fixture.config,
                "0123456789abcdef-secret".getBytes(StandardCharsets.US_ASCII), LoginFixture.RANDOM);
        Set<Integer> sessions = ConcurrentHashMap.newKeySet();
        ExecutorService workers = Executors.newFixedThreadPool(4);
        try {
            List<? extends Future<?>> done = IntStream.range(0, logins).mapToObj(i -> workers.submit(() -> {
                String source = "192.0.2." + (i % 4);
                ClientLogin login = client("u" + i, "pw" + i, CipherSuite.NONE);
                byte[] challenge = shared.onMessage(source, login.start(0), 0).reply().orElseThrow();
                byte[] proof = proofFor(login, login.onMessage(challenge, 0), 0);
                ServerResponse response = shared.onMessage(source, proof, 0);
                ClientEvent outcome = login.onMessage(response.reply().orElseThrow(), 0);
                int id = assertInstanceOf(ClientEvent.Succeeded.class, outcome).result().parameters().sessionId();
                sessions.add(id);
            })).toList();
            for (Future<?> f : done) {
                f.get(60, TimeUnit.SECONDS);
            }
        } finally {
            workers.shutdownNow();
        }
        assertEquals(logins, sessions.size(), "every login a session of its own");
        assertEquals(0, shared.openHandshakes());
        assertEquals(logins, shared.pendingHandshakes());
    }
}
