package dev.braid.core.login;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.braid.core.testing.FuzzBytes;
import java.net.InetAddress;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.List;
import java.util.function.UnaryOperator;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/**
 * Fuzz of the proxy's first look at a HELLO (on the event loop, before any login work): any body
 * gets a verdict, no reply is larger than the datagram it answers, and a HELLO is admitted only
 * with the cookie issued to its address for its nonce, echoed intact.
 */
class HelloGateFuzzTest {
    private static final InetAddress SOURCE = InetAddress.getLoopbackAddress();
    private static final InetAddress STRANGER = address("192.0.2.66");

    @Property
    void anyBodyGetsAVerdictAndNoReplyAmplifies(@ForAll("bodies") List<byte[]> bodies) {
        HelloGate gate = new HelloGate(HelloGate.Limits.defaults(), new SecureRandom());
        long now = 0;
        for (byte[] body : bodies) {
            HelloGate.Verdict verdict = gate.check(SOURCE, body, now += 1_000_000);
            assertNotNull(verdict.outcome());
            if (verdict.reply() != null) {
                assertTrue(verdict.reply().length <= body.length, verdict.reply().length + " bytes for " + body.length);
            }
            if (verdict.outcome() == HelloGate.Outcome.ADMIT) {
                assertEquals(LoginMessages.COOKIE_LENGTH, decode(body).cookie().length, "admitted without a cookie");
            }
        }
    }

    @Property
    void onlyTheIssuedCookieEchoedIntactFromItsAddressIsAdmitted(@ForAll("hellos") byte[] hello,
                                                                 @ForAll("damages") UnaryOperator<byte[]> damage,
                                                                 @ForAll boolean fromStranger) {
        HelloGate gate = new HelloGate(HelloGate.Limits.defaults(), new SecureRandom());
        LoginMessages.Hello first = decode(hello);
        HelloGate.Verdict answer = gate.check(SOURCE, LoginMessages.encodeHello(LoginMessages.PROTOCOL_VERSION,
                first.username(), first.clientNonce()), 0);
        assertEquals(HelloGate.Outcome.REPLY, answer.outcome());
        LoginMessages.Cookie cookie = decodeCookie(answer.reply());
        byte[] echo = LoginMessages.encodeHello(LoginMessages.PROTOCOL_VERSION, first.username(), first.clientNonce(),
                cookie.cookie());
        byte[] sent = damage.apply(echo);
        HelloGate.Verdict verdict = gate.check(fromStranger ? STRANGER : SOURCE, sent, 1_000_000);
        boolean intact = !fromStranger && echoes(sent, first.clientNonce(), cookie.cookie());
        assertEquals(intact, verdict.outcome() == HelloGate.Outcome.ADMIT, verdict.outcome() + " for " + sent.length);
    }

    /** The cookie binds address and nonce: user name and padding may change, nonce and cookie may not. */
    private static boolean echoes(byte[] sent, byte[] nonce, byte[] cookie) {
        try {
            LoginMessages.Hello hello = LoginMessages.decodeHello(sent);
            return hello.version() == LoginMessages.PROTOCOL_VERSION && Arrays.equals(hello.clientNonce(), nonce)
                    && Arrays.equals(hello.cookie(), cookie);
        } catch (MalformedLoginMessageException e) {
            return false;
        }
    }

    @Provide
    Arbitrary<List<byte[]>> bodies() {
        return FuzzBytes.around(LoginMessagesFuzzTest.hellos(), 1300).list().ofMinSize(1).ofMaxSize(4);
    }

    @Provide
    Arbitrary<byte[]> hellos() {
        return LoginMessagesFuzzTest.hellos().filter(h -> h[1] == LoginMessages.PROTOCOL_VERSION);
    }

    @Provide
    Arbitrary<UnaryOperator<byte[]>> damages() {
        return Arbitraries.frequencyOf(net.jqwik.api.Tuple.of(1, Arbitraries.just(UnaryOperator.identity())),
                net.jqwik.api.Tuple.of(3, FuzzBytes.damages()));
    }

    private static LoginMessages.Hello decode(byte[] body) {
        try {
            return LoginMessages.decodeHello(body);
        } catch (MalformedLoginMessageException e) {
            throw new AssertionError(e);
        }
    }

    private static LoginMessages.Cookie decodeCookie(byte[] body) {
        try {
            return LoginMessages.decodeCookie(body);
        } catch (MalformedLoginMessageException e) {
            throw new AssertionError(e);
        }
    }

    private static InetAddress address(String text) {
        try {
            return InetAddress.getByName(text);
        } catch (java.net.UnknownHostException e) {
            throw new AssertionError(e);
        }
    }
}
