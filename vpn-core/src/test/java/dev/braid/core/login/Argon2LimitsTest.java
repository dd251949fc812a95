package dev.braid.core.login;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.braid.core.crypto.Argon2Params;
import dev.braid.core.crypto.CipherSuite;
import java.util.Base64;
import org.junit.jupiter.api.Test;

/** The Argon2 cost a client pays is capped, so a forged or hostile CHALLENGE cannot make it allocate GiBs. */
class Argon2LimitsTest {
    private final ClientLoginOptions options = ClientLoginOptions.defaults(CipherSuite.NONE, "single");

    @Test
    void theShippedCostAndTheLimitsThemselvesAreAccepted() {
        assertNull(options.argon2Refusal(Argon2Params.DEFAULT));
        assertNull(options.argon2Refusal(new Argon2Params(1024 * 1024, 16, 16)));
    }

    @Test
    void moreMemoryIterationsOrLanesAreRefusedNamingTheLimit() {
        assertEquals("Argon2 memory of 1048577 KiB, above the limit of 1048576 KiB",
                options.argon2Refusal(new Argon2Params(1024 * 1024 + 1, 3, 1)));
        assertEquals("Argon2 memory of 2147483647 KiB, above the limit of 1048576 KiB",
                options.argon2Refusal(new Argon2Params(Integer.MAX_VALUE, 3, 1)));
        assertEquals("Argon2 iterations 17, above the limit of 16", options.argon2Refusal(new Argon2Params(65536, 17, 1)));
        assertEquals("Argon2 parallelism 17, above the limit of 16", options.argon2Refusal(new Argon2Params(65536, 3, 17)));
    }

    @Test
    void aHostileChallengeEndsTheLoginWithTheReason() {
        ClientLogin login = LoginFixture.client("alice", "pw", CipherSuite.NONE);
        byte[] hello = login.start(0);
        byte[] nonce;
        try {
            nonce = LoginMessages.decodeHello(hello).clientNonce();
        } catch (MalformedLoginMessageException e) {
            throw new AssertionError(e);
        }
        byte[] challenge = LoginMessages.encodeChallenge(1, new byte[16], new Argon2Params(Integer.MAX_VALUE, 65535, 255),
                new byte[384], new byte[16], nonce);
        LoginFailure failure = ((ClientEvent.Failed) login.onMessage(challenge, 0)).failure();
        assertEquals(LoginFailure.Reason.BAD_CHALLENGE, failure.reason());
        assertEquals("proxy asked for Argon2 memory of 2147483647 KiB, above the limit of 1048576 KiB", failure.message());
    }

    @Test
    void theUsersFileRefusesACostNoClientPays() {
        String salt = Base64.getEncoder().encodeToString(new byte[16]);
        String verifier = Base64.getEncoder().encodeToString(new byte[384]);
        UsersFileException tooMany = assertThrows(UsersFileException.class,
                () -> UsersFile.parse("alice:argon2 65536,17,1:" + salt + ":" + verifier + "\n", "users"));
        assertEquals("users:1: clients refuse Argon2 iterations 17, above the limit of 16", tooMany.getMessage());
        UsersFileException notOnTheWire = assertThrows(UsersFileException.class,
                () -> UsersFile.parse("alice:argon2 65536,70000,1:" + salt + ":" + verifier + "\n", "users"));
        assertTrue(notOnTheWire.getMessage().startsWith("users:1: argon2 iterations must be 1..65535"),
                notOnTheWire.getMessage());
    }
}
