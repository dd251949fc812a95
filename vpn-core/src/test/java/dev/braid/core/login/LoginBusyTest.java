package dev.braid.core.login;

import static dev.braid.core.login.LoginFixture.SECOND;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.braid.core.crypto.CipherSuite;
import java.net.InetAddress;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.HashSet;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** BUSY, the proxy's "at capacity, retry after T", and the client's jittered backoff, in virtual time. */
class LoginBusyTest {

    private static final long MILLI = 1_000_000L;

    @Test
    void busyRoundTripsAndHelloCarriesTheFlag() throws Exception {
        byte[] nonce = new byte[16];
        nonce[3] = 7;
        byte[] busy = LoginMessages.encodeBusy(Duration.ofMillis(1500), nonce);
        assertEquals(LoginMessages.BUSY_LENGTH, busy.length);
        LoginMessages.Busy decoded = LoginMessages.decodeBusy(busy);
        assertEquals(Duration.ofMillis(1500), decoded.retryAfter());
        assertArrayEquals(nonce, decoded.clientNonce());

        assertTrue(LoginMessages.decodeHello(LoginMessages.encodeHello(2, "alice", nonce, new byte[0]))
                .understandsBusy(), "this client's HELLO says it understands BUSY");
        assertFalse(LoginMessages.decodeHello(LoginMessages.encodeHello(2, "alice", nonce, new byte[0], 0))
                .understandsBusy(), "an older client's HELLO has zero padding there");
    }

    @Test
    void backoffIsTheHintPlusAFullJitterWindowThatDoublesUpToTheCap() {
        BusyBackoff backoff = new BusyBackoff(new Random(1));
        long hint = 2 * SECOND;
        for (int n = 0; n < 8; n++) {
            long window = Math.min(BusyBackoff.CAP.toNanos(), BusyBackoff.BASE.toNanos() << n);
            for (int i = 0; i < 1; i++) {
                long delay = backoff.nextDelayNanos(Duration.ofNanos(hint));
                assertTrue(delay >= hint && delay <= hint + window, "busy " + n + ": " + delay);
            }
        }
        assertTrue(new BusyBackoff(new Random(2)).nextDelayNanos(Duration.ofHours(1)) <= BusyBackoff.MAX_HINT.toNanos()
                + BusyBackoff.BASE.toNanos(), "an absurd hint is not believed");
    }

    @Test
    void aCrowdToldBusyAtOnceComesBackSpreadOut() {
        Set<Long> tenthsOfSeconds = new HashSet<>();
        Random random = new Random(3);
        for (int client = 0; client < 1000; client++) {
            BusyBackoff backoff = new BusyBackoff(random);
            long delay = 0;
            for (int n = 0; n < 4; n++) {
                delay = backoff.nextDelayNanos(Duration.ofSeconds(1));
            }
            tenthsOfSeconds.add(delay / (100 * MILLI));
        }
        // The 4th wait lies in [1 s, 5 s]: 1000 clients land in most of its 41 tenths.
        assertTrue(tenthsOfSeconds.size() >= 35, "spread over " + tenthsOfSeconds.size() + " tenths of a second");
    }

    @Test
    void clientWaitsAfterBusyThenSendsTheHelloAgainWithAFreshBudget() throws Exception {
        ClientLogin client = LoginFixture.client("alice", "pw", CipherSuite.NONE);
        byte[] hello = client.start(0);
        byte[] nonce = LoginMessages.decodeHello(hello).clientNonce();
        // Four retransmissions used up most of the budget, then the proxy says it is busy.
        long now = 0;
        for (int i = 0; i < 4; i++) {
            now = client.nextDeadlineNanos();
            assertInstanceOf(ClientEvent.Send.class, client.onTimeout(now));
        }
        assertSame(ClientEvent.NOTHING, client.onMessage(LoginMessages.encodeBusy(Duration.ofSeconds(2), nonce), now));
        long resume = client.nextDeadlineNanos();
        assertTrue(resume - now >= 2 * SECOND && resume - now <= 2 * SECOND + BusyBackoff.BASE.toNanos(),
                "waits the hint plus at most one jitter window");
        assertSame(ClientEvent.NOTHING, client.onTimeout(resume - 1));

        ClientEvent again = client.onTimeout(resume);
        assertArrayEquals(hello, assertInstanceOf(ClientEvent.Send.class, again).body(), "the same HELLO");
        // A fresh budget: 4 more retransmissions before it gives up, starting at 1 s again.
        assertEquals(resume + SECOND, client.nextDeadlineNanos());
        for (int i = 0; i < 4; i++) {
            assertInstanceOf(ClientEvent.Send.class, client.onTimeout(client.nextDeadlineNanos()));
        }
        assertInstanceOf(ClientEvent.Failed.class, client.onTimeout(client.nextDeadlineNanos()));
    }

    @Test
    void aBusyForAnotherHelloIsIgnoredAndEndlessBusyEndsTheLogin() throws Exception {
        ClientLogin client = LoginFixture.client("alice", "pw", CipherSuite.NONE);
        byte[] nonce = LoginMessages.decodeHello(client.start(0)).clientNonce();
        assertSame(ClientEvent.UNMATCHED, client.onMessage(LoginMessages.encodeBusy(Duration.ofSeconds(60),
                new byte[16]), 0), "a stranger without the nonce cannot hold the login back");
        assertEquals(SECOND, client.nextDeadlineNanos());

        long now = 0;
        ClientEvent last = null;
        for (int i = 0; i <= BusyBackoff.MAX_BUSY; i++) {
            last = client.onMessage(LoginMessages.encodeBusy(Duration.ofSeconds(1), nonce), now);
            now = client.nextDeadlineNanos() == Long.MAX_VALUE ? now : client.nextDeadlineNanos();
            if (!(last instanceof ClientEvent.Failed)) {
                assertInstanceOf(ClientEvent.Send.class, client.onTimeout(now));
            }
        }
        LoginFailure failure = assertInstanceOf(ClientEvent.Failed.class, last).failure();
        assertEquals(LoginFailure.Reason.BUSY, failure.reason());
        assertTrue(failure.message().startsWith("proxy is busy"), failure.message());
    }

    @Test
    void theGateSaysBusyToNewClientsAndRejectsOldOnesWithinTheReplyBudget() throws Exception {
        HelloGate gate = new HelloGate(new HelloGate.Limits(new RateLimit(1, Duration.ofMillis(500)),
                new RateLimit(20, Duration.ofMillis(100)), new RateLimit(3, Duration.ofSeconds(1))), new SecureRandom());
        InetAddress source = InetAddress.getByName("192.0.2.10");
        ClientLogin client = LoginFixture.client("alice", "pw", CipherSuite.NONE);
        byte[] cookie = gate.check(source, client.start(0), 0).reply();
        byte[] proven = ((ClientEvent.Send) client.onMessage(cookie, 0)).body();
        assertEquals(HelloGate.Outcome.ADMIT, gate.check(source, proven, 0).outcome());

        HelloGate.Verdict over = gate.check(source, proven, 100 * MILLI);
        assertEquals(HelloGate.Outcome.RATE_LIMITED, over.outcome());
        assertNotNull(over.hello());
        assertEquals(400, over.retryAfter().toMillis(), "the address's next token");

        byte[] busy = gate.busyReply(source, over.hello(), over.retryAfter(), 100 * MILLI);
        assertEquals(LoginMessageType.BUSY, LoginMessageType.of(busy));
        assertTrue(busy.length < proven.length);

        LoginMessages.Hello old = LoginMessages.decodeHello(LoginMessages.encodeHello(2, "bob", new byte[16],
                new byte[0], 0));
        InetAddress oldClient = InetAddress.getByName("192.0.2.11");
        byte[] forOld = gate.busyReply(oldClient, old, Duration.ofSeconds(1), 100 * MILLI);
        LoginMessages.Reject reject = LoginMessages.decodeReject(forOld);
        assertEquals(RejectReason.RATE_LIMITED, reject.reason(), "an older client gets a clear refusal");
        assertNull(gate.busyReply(InetAddress.getByName("192.0.2.12"), old, Duration.ofSeconds(1), 100 * MILLI),
                "the reply budget (3: the cookie and two answers) is spent");
    }

    @Test
    void aFloodFromOneAddressHearsAFewBusysNotOneAHello() throws Exception {
        HelloGate gate = new HelloGate(HelloGate.Limits.defaults(), new SecureRandom());
        InetAddress flooder = InetAddress.getByName("192.0.2.66");
        LoginMessages.Hello hello = LoginMessages.decodeHello(LoginMessages.encodeHello(2, "x", new byte[16],
                new byte[0]));
        int answered = 0;
        for (int i = 0; i < 2000; i++) { // 2000 HELLOs in one second
            answered += gate.busyReply(flooder, hello, Duration.ofSeconds(1), i * MILLI / 2) != null ? 1 : 0;
        }
        assertEquals(3, answered, "2 at once, one more after 500 ms");
        assertNotNull(gate.busyReply(InetAddress.getByName("192.0.2.67"), hello, Duration.ofSeconds(1), SECOND),
                "its neighbour still hears its BUSY");
    }
}
