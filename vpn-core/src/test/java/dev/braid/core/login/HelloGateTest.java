package dev.braid.core.login;

import static dev.braid.core.login.LoginFixture.SECOND;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;

import dev.braid.core.crypto.CipherSuite;
import java.net.InetAddress;
import java.security.SecureRandom;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** Cookies and per-address/per-subnet HELLO budgets, in virtual time. */
class HelloGateTest {

    private final HelloGate gate = new HelloGate(HelloGate.Limits.defaults(), new SecureRandom());

    @Test
    void aHelloWithoutCookieGetsOneAndTheEchoIsAdmitted() throws Exception {
        InetAddress home = InetAddress.getByName("192.0.2.10");
        ClientLogin client = LoginFixture.client("alice", "pw", CipherSuite.NONE);
        byte[] hello = client.start(0);
        HelloGate.Verdict first = gate.check(home, hello, 0);
        assertEquals(HelloGate.Outcome.REPLY, first.outcome());
        assertEquals(LoginMessageType.COOKIE, LoginMessageType.of(first.reply()));
        byte[] again = assertInstanceOf(ClientEvent.Send.class, client.onMessage(first.reply(), 0)).body();
        assertEquals(LoginMessages.MIN_HELLO_LENGTH, again.length);
        assertEquals(HelloGate.Outcome.ADMIT, gate.check(home, again, 0).outcome());
        assertEquals(HelloGate.Outcome.ADMIT, gate.check(home, again, 45 * SECOND).outcome(), "valid in the next bucket");
        assertEquals(HelloGate.Outcome.REPLY, gate.check(home, again, 61 * SECOND).outcome(), "then a new one");
    }

    @Test
    void aCookieIsBoundToItsAddressAndNonce() throws Exception {
        ClientLogin client = LoginFixture.client("alice", "pw", CipherSuite.NONE);
        byte[] cookie = gate.check(InetAddress.getByName("192.0.2.10"), client.start(0), 0).reply();
        byte[] echoed = ((ClientEvent.Send) client.onMessage(cookie, 0)).body();
        assertEquals(HelloGate.Outcome.REPLY, gate.check(InetAddress.getByName("192.0.2.11"), echoed, 0).outcome(),
                "a spoofed source never gets past with someone else's cookie");
        byte[] otherNonce = LoginMessages.encodeHello(LoginMessages.PROTOCOL_VERSION, "alice", new byte[16],
                LoginMessages.decodeCookie(cookie).cookie());
        assertEquals(HelloGate.Outcome.REPLY, gate.check(InetAddress.getByName("192.0.2.10"), otherNonce, 0).outcome());
    }

    @Test
    void anAddressAtAnyRateGetsFewHellosThroughAndItsNeighboursStillGetIn() throws Exception {
        InetAddress flooder = InetAddress.getByName("10.0.0.66");
        byte[] hello = proven(flooder, 0);
        int admitted = 0;
        for (int i = 0; i < 1000; i++) { // 1000 HELLO/s for one second
            admitted += gate.check(flooder, hello, i * SECOND / 1000).outcome() == HelloGate.Outcome.ADMIT ? 1 : 0;
        }
        assertEquals(5 + 1, admitted, "burst 5, then one per 500 ms");
        InetAddress neighbour = InetAddress.getByName("10.0.0.7");
        assertEquals(HelloGate.Outcome.ADMIT, gate.check(neighbour, proven(neighbour, SECOND), SECOND).outcome());
    }

    @Test
    void aSubnetOfManyAddressesIsHeldToItsOwnBudget() throws Exception {
        int admitted = 0;
        for (int i = 1; i <= 100; i++) {
            InetAddress address = InetAddress.getByName("10.0.0." + i);
            admitted += gate.check(address, proven(address, 0), 0).outcome() == HelloGate.Outcome.ADMIT ? 1 : 0;
        }
        assertEquals(20, admitted, "subnet burst 20");
        InetAddress elsewhere = InetAddress.getByName("198.51.100.1");
        assertEquals(HelloGate.Outcome.ADMIT, gate.check(elsewhere, proven(elsewhere, 0), 0).outcome());
    }

    @Test
    void unauthenticatedRepliesHaveAGlobalBudget() throws Exception {
        HelloGate small = new HelloGate(new HelloGate.Limits(new RateLimit(5, Duration.ofSeconds(1)),
                new RateLimit(5, Duration.ofSeconds(1)), new RateLimit(3, Duration.ofSeconds(1))), new SecureRandom());
        byte[] hello = LoginFixture.client("alice", "pw", CipherSuite.NONE).start(0);
        for (int i = 0; i < 3; i++) {
            assertEquals(HelloGate.Outcome.REPLY, small.check(InetAddress.getByName("203.0.113." + i), hello, 0)
                    .outcome());
        }
        assertEquals(HelloGate.Outcome.RATE_LIMITED, small.check(InetAddress.getByName("203.0.113.9"), hello, 0)
                .outcome());
    }

    @Test
    void oldVersionsAreToldSoAndGarbageIsDropped() throws Exception {
        InetAddress source = InetAddress.getByName("192.0.2.10");
        HelloGate.Verdict old = gate.check(source, LoginMessages.encodeHello(1, "alice", new byte[16]), 0);
        assertArrayEquals(LoginMessages.encodeLegacyReject(RejectReason.UNSUPPORTED_VERSION), old.reply());
        assertEquals(HelloGate.Outcome.MALFORMED, gate.check(source, new byte[] {1, 2, 3}, 0).outcome());
    }

    /** A HELLO that carries the right cookie for {@code address}. */
    private byte[] proven(InetAddress address, long now) {
        ClientLogin client = LoginFixture.client("u", "pw", CipherSuite.NONE);
        byte[] cookie = gate.check(address, client.start(now), now).reply();
        return ((ClientEvent.Send) client.onMessage(cookie, now)).body();
    }
}
