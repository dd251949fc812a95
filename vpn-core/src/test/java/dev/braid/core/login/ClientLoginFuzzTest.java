package dev.braid.core.login;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.braid.core.crypto.Argon2Params;
import dev.braid.core.crypto.CipherSuite;
import dev.braid.core.crypto.Srp;
import dev.braid.core.testing.FuzzBytes;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.Tuple;

/**
 * Fuzz of the client's login state machine with answers built for this very login (they echo its
 * client nonce), intact and damaged, so the fuzz gets past the nonce check: whatever comes, the
 * client never throws, and it computes a proof only for a matching CHALLENGE whose Argon2 cost is
 * within its limits.
 */
class ClientLoginFuzzTest {
    /** What the login's "random" source gives: every nonce of the login is this byte repeated. */
    private static final byte NONCE_BYTE = 0x5a;
    private static final byte[] NONCE = filled(LoginMessages.NONCE_LENGTH, NONCE_BYTE);

    @Property
    void answersToThisLoginNeverBreakIt(@ForAll("answers") List<byte[]> answers) {
        ClientLogin login = new ClientLogin("alice", "pw".getBytes(), ClientLoginOptions.defaults(CipherSuite.NONE,
                "single"), new FixedRandom());
        login.start(0);
        for (byte[] body : answers) {
            ClientLogin.State before = login.state();
            ClientEvent event = login.onMessage(body, 1);
            assertNotNull(event);
            if (event instanceof ClientEvent.ComputeProof) {
                LoginMessages.Challenge challenge = decodeChallenge(body);
                assertEquals(ClientLogin.State.AWAIT_CHALLENGE, before);
                assertTrue(Arrays.equals(NONCE, challenge.clientNonce()));
                assertNull(ClientLoginOptions.argon2Refusal(challenge.argon2(),
                        ClientLoginOptions.DEFAULT_MAX_ARGON2_MEMORY_KIB), "a proof only for an affordable cost");
                assertEquals(ClientLogin.State.COMPUTING_PROOF, login.state());
            } else if (event instanceof ClientEvent.Failed failed) {
                assertEquals(ClientLogin.State.FAILED, login.state());
                assertEquals(failed.failure(), login.failure().orElseThrow());
            }
        }
    }

    @Property
    void aMatchingChallengeIsComputedExactlyWhenItsCostIsAffordable(@ForAll("costs") Argon2Params argon2) {
        ClientLogin login = new ClientLogin("alice", "pw".getBytes(), ClientLoginOptions.defaults(CipherSuite.NONE,
                "single"), new FixedRandom());
        login.start(0);
        byte[] challenge = LoginMessages.encodeChallenge(7, new byte[16], argon2, new byte[Srp.PUBLIC_VALUE_LENGTH],
                new byte[16], NONCE);
        ClientEvent event = login.onMessage(challenge, 1);
        String refusal = ClientLoginOptions.argon2Refusal(argon2, ClientLoginOptions.DEFAULT_MAX_ARGON2_MEMORY_KIB);
        if (refusal == null) {
            assertInstanceOf(ClientEvent.ComputeProof.class, event);
        } else {
            LoginFailure failure = assertInstanceOf(ClientEvent.Failed.class, event).failure();
            assertEquals(LoginFailure.Reason.BAD_CHALLENGE, failure.reason());
            assertEquals("proxy asked for " + refusal, failure.message());
        }
    }

    @Provide
    Arbitrary<List<byte[]>> answers() {
        Arbitrary<byte[]> cookie = LoginMessagesFuzzTest.nonceBytes().map(c -> LoginMessages.encodeCookie(NONCE, c));
        Arbitrary<byte[]> challenge = Combinators.combine(Arbitraries.integers(), costs(),
                        LoginMessagesFuzzTest.fixed(Srp.PUBLIC_VALUE_LENGTH))
                .as((id, argon2, b) -> LoginMessages.encodeChallenge(id, new byte[16], argon2, b, new byte[16], NONCE));
        Arbitrary<byte[]> reject = Combinators.combine(Arbitraries.integers(), Arbitraries.of(RejectReason.class))
                .as((id, reason) -> LoginMessages.encodeReject(id, reason, NONCE));
        Arbitrary<byte[]> strangers = Arbitraries.oneOf(LoginMessagesFuzzTest.cookieMessages(),
                LoginMessagesFuzzTest.challenges(), LoginMessagesFuzzTest.accepts(), LoginMessagesFuzzTest.rejects());
        Arbitrary<byte[]> answer = FuzzBytes.around(Arbitraries.frequencyOf(Tuple.of(2, cookie), Tuple.of(3, challenge),
                Tuple.of(1, reject), Tuple.of(2, strangers)), 500);
        return answer.list().ofMinSize(1).ofMaxSize(6);
    }

    /** Argon2 costs around the client's limits, and any the wire can carry. */
    @Provide
    Arbitrary<Argon2Params> costs() {
        Arbitrary<Argon2Params> nearLimits = Combinators.combine(
                Arbitraries.integers().between(1, 2 * ClientLoginOptions.DEFAULT_MAX_ARGON2_MEMORY_KIB),
                Arbitraries.integers().between(1, 2 * ClientLoginOptions.MAX_ARGON2_ITERATIONS),
                Arbitraries.integers().between(1, 2 * ClientLoginOptions.MAX_ARGON2_PARALLELISM))
                .filter((memory, iterations, parallelism) -> memory >= 8 * parallelism)
                .as(Argon2Params::new);
        return Arbitraries.oneOf(nearLimits, LoginMessagesFuzzTest.argon2Params());
    }

    private static LoginMessages.Challenge decodeChallenge(byte[] body) {
        try {
            return LoginMessages.decodeChallenge(body);
        } catch (MalformedLoginMessageException e) {
            throw new AssertionError("a proof for a malformed challenge", e);
        }
    }

    private static byte[] filled(int length, byte value) {
        byte[] out = new byte[length];
        Arrays.fill(out, value);
        return out;
    }

    /** Gives every login the same nonce, so the generated answers can echo it. */
    private static final class FixedRandom extends SecureRandom {
        private static final long serialVersionUID = 1L;

        @Override
        public void nextBytes(byte[] bytes) {
            Arrays.fill(bytes, NONCE_BYTE);
        }
    }
}
