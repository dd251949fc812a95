package dev.braid.core.login;

import static dev.braid.core.login.LoginFixture.SECOND;
import static dev.braid.core.login.LoginFixture.client;
import static dev.braid.core.login.LoginFixture.proofFor;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;

import dev.braid.core.crypto.CipherSuite;
import org.junit.jupiter.api.Test;

/** Failure limits keyed by (source, user), source and user, in virtual time. */
class LoginFailureLimitsTest {

    private static final String HOME = "192.0.2.10";
    private final ServerLoginConfig config = ServerLoginConfig.defaults(); // pair 5/12 s, source 10/6 s, user 20/3 s
    private final LoginFailureLimits limits = new LoginFailureLimits(config);

    @Test
    void twoHundredStrangersDoNotLockOutTheUserAtAKnownAddress() {
        limits.recordSuccess(HOME, "alice");
        for (int i = 0; i < 200; i++) { // one wrong password per address and second, as in the attack
            String stranger = "203.0.113." + i;
            if (limits.refusal(stranger, "alice", i * SECOND / 200) == null) {
                limits.recordFailure(stranger, "alice", i * SECOND / 200);
            }
        }
        assertNotNull(limits.refusal("198.51.100.7", "alice", SECOND), "a new address is limited per user");
        assertNull(limits.refusal(HOME, "alice", SECOND), "the user's own address passes");
        assertNull(limits.refusal("203.0.113.250", "bob", SECOND), "other users are untouched");
    }

    @Test
    void theUserAtAKnownAddressIsStillLimitedForItsOwnGuesses() {
        limits.recordSuccess(HOME, "alice");
        for (int i = 0; i < 5; i++) {
            assertNull(limits.refusal(HOME, "alice", 0));
            limits.recordFailure(HOME, "alice", 0);
        }
        assertNotNull(limits.refusal(HOME, "alice", 0), "pair burst 5");
        assertNull(limits.refusal(HOME, "bob", 0), "same address, other user");
        assertNull(limits.refusal(HOME, "alice", 12 * SECOND), "one back after the 12 s refill");
    }

    @Test
    void oneAddressTryingManyUsersIsLimitedPerSource() {
        for (int i = 0; i < 10; i++) {
            limits.recordFailure(HOME, "u" + i, 0);
        }
        assertNotNull(limits.refusal(HOME, "someone-else", 0));
        assertNull(limits.refusal("198.51.100.7", "someone-else", 0));
        assertNull(limits.refusal(HOME, "someone-else", 6 * SECOND));
    }

    @Test
    void failuresFromAKnownAddressDoNotSpendTheUserBudget() {
        limits.recordSuccess(HOME, "alice");
        for (int i = 0; i < 30; i++) {
            limits.recordFailure(HOME, "alice", i * 12 * SECOND); // slow enough for the pair limit
        }
        assertNull(limits.refusal("198.51.100.7", "alice", 30 * 12 * SECOND));
    }

    @Test
    void perUserLimitRecoversWithTime() {
        for (int i = 0; i < 20; i++) {
            limits.recordFailure("203.0.113." + i, "alice", 0);
        }
        assertNotNull(limits.refusal("198.51.100.7", "alice", 0));
        assertNull(limits.refusal("198.51.100.7", "alice", 3 * SECOND));
    }

    @Test
    void handshakeSprayOfWrongPasswordsLeavesTheRealUserIn() {
        LoginFixture fixture = new LoginFixture().withUser("alice", "correct horse");
        login(fixture, HOME, "correct horse", 0); // alice has logged in from home before
        int limited = 0;
        for (int i = 0; i < 24; i++) { // user burst 20: the last strangers are refused at HELLO
            String stranger = "203.0.113." + i;
            ClientLogin attacker = client("alice", "guess" + i, CipherSuite.NONE);
            byte[] reply = fixture.exchange(stranger, attacker.start(SECOND), SECOND);
            if (LoginMessageType.of(reply) == LoginMessageType.REJECT) {
                assertEquals(RejectReason.RATE_LIMITED.code(), reply[5]);
                limited++;
                continue;
            }
            byte[] proof = proofFor(attacker, attacker.onMessage(reply, SECOND), SECOND);
            assertEquals(RejectReason.AUTH_FAILED.code(), fixture.exchange(stranger, proof, SECOND)[5]);
        }
        assertEquals(4, limited);
        assertEquals("alice", login(fixture, HOME, "correct horse", 2 * SECOND).username());
    }

    private static LoginResult login(LoginFixture fixture, String source, String password, long now) {
        ClientLogin client = client("alice", password, CipherSuite.NONE);
        byte[] challenge = fixture.exchange(source, client.start(now), now);
        byte[] accept = fixture.exchange(source, proofFor(client, client.onMessage(challenge, now), now), now);
        return assertInstanceOf(ClientEvent.Succeeded.class, client.onMessage(accept, now)).result();
    }
}
