package dev.braid.core.login;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.braid.core.crypto.CipherSuite;
import dev.braid.core.wire.Ipv6Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.time.Duration;
import java.util.Arrays;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.Size;
import org.junit.jupiter.api.Test;

/** The ACCEPT's IPv6 extension and the HELLO's features byte that asks for it (docs/protocol-login.md). */
class AcceptIpv6ExtensionTest {
    private static final byte[] NONCE = new byte[16];
    private static final Ipv6Assignment IPV6 = new Ipv6Assignment(address("fd00:77::2"), 64);

    private static SessionParameters parameters(Ipv6Assignment ipv6) {
        return new SessionParameters(77, LoginFixture.ipv4(10, 77, 0, 2), 24, 1400, CipherSuite.CHACHA20_POLY1305,
                "single", Duration.ofSeconds(10), Duration.ofSeconds(90), new SessionToken(new byte[16]), ipv6);
    }

    private static byte[] accept(SessionParameters parameters) {
        byte[] body = LoginMessages.encodeAcceptWithoutMac(5, new byte[32], parameters);
        return Arrays.copyOf(body, body.length + LoginMessages.MAC_LENGTH); // a zero MAC: decoding does not check it
    }

    @Test
    void theIpv6AddressRoundTripsInsideTheMacedPart() throws Exception {
        byte[] body = accept(parameters(IPV6));
        LoginMessages.Accept accept = LoginMessages.decodeAccept(body);
        assertEquals(IPV6, accept.parameters().ipv6());
        assertEquals("fd00:77::2/64", accept.parameters().ipv6().toString());
        assertEquals(body.length - LoginMessages.MAC_LENGTH, accept.macInput().length, "the MAC covers the extension");
    }

    @Test
    void withoutIpv6TheAcceptIsByteForByteTheOldOne() throws Exception {
        byte[] withIpv6 = accept(parameters(IPV6));
        byte[] without = accept(parameters(null));
        assertEquals(withIpv6.length - 19, without.length, "type, length and 17 value bytes");
        assertNull(LoginMessages.decodeAccept(without).parameters().ipv6());
    }

    @Test
    void unknownExtensionsAreSkipped() throws Exception {
        byte[] old = accept(parameters(null));
        int at = old.length - LoginMessages.MAC_LENGTH;
        byte[] body = new byte[old.length + 5];
        System.arraycopy(old, 0, body, 0, at);
        body[at] = (byte) 200; // a future extension
        body[at + 1] = 3;
        assertNull(LoginMessages.decodeAccept(body).parameters().ipv6());
    }

    @Test
    void anExtensionRunningIntoTheMacIsMalformed() {
        byte[] body = accept(parameters(IPV6));
        int lengthByte = body.length - LoginMessages.MAC_LENGTH - 18;
        body[lengthByte] = 60;
        assertTrue(assertThrows(MalformedLoginMessageException.class, () -> LoginMessages.decodeAccept(body))
                .getMessage().contains("runs into the MAC"));
    }

    @Test
    void anIpv6ExtensionOfTheWrongSizeOrPrefixIsMalformed() {
        byte[] badPrefix = accept(parameters(IPV6));
        badPrefix[badPrefix.length - LoginMessages.MAC_LENGTH - 1] = 48;
        assertTrue(assertThrows(MalformedLoginMessageException.class, () -> LoginMessages.decodeAccept(badPrefix))
                .getMessage().contains("outside 64..128"));
        byte[] shortValue = accept(parameters(IPV6));
        shortValue[shortValue.length - LoginMessages.MAC_LENGTH - 18] = 15;
        assertThrows(MalformedLoginMessageException.class, () -> LoginMessages.decodeAccept(shortValue));
    }

    @Test
    void aHelloAnnouncesThatItReadsExtensionsAndAnOldOneDoesNot() throws Exception {
        assertTrue(LoginMessages.decodeHello(LoginMessages.encodeHello(2, "alice", NONCE)).readsAcceptExtensions());
        byte[] old = LoginMessages.encodeHello(2, "alice", NONCE, new byte[0], 0);
        LoginMessages.Hello hello = LoginMessages.decodeHello(old);
        assertFalse(hello.readsAcceptExtensions());
        assertArrayEquals(new byte[0], hello.cookie());
    }

    @Property(tries = 1000)
    void anyExtensionBytesDecodeOrAreMalformedNeverAnythingElse(@ForAll @Size(max = 64) byte[] extensions) {
        byte[] old = accept(parameters(null));
        int at = old.length - LoginMessages.MAC_LENGTH;
        byte[] body = new byte[old.length + extensions.length];
        System.arraycopy(old, 0, body, 0, at);
        System.arraycopy(extensions, 0, body, at, extensions.length);
        try {
            LoginMessages.Accept accept = LoginMessages.decodeAccept(body);
            Ipv6Assignment ipv6 = accept.parameters().ipv6();
            assertTrue(ipv6 == null || ipv6.prefixLength() >= 64 && ipv6.prefixLength() <= 128);
            assertEquals(at + extensions.length, accept.macInput().length);
        } catch (MalformedLoginMessageException expected) {
            assertTrue(expected.getMessage().startsWith("ACCEPT: "), expected.getMessage());
        }
    }

    private static Inet6Address address(String text) {
        try {
            return (Inet6Address) InetAddress.getByName(text);
        } catch (java.net.UnknownHostException e) {
            throw new AssertionError(e);
        }
    }

    @Test
    void theAssignmentPrintsInRfc5952Form() {
        assertEquals("fd00:77::2", Ipv6Address.of(IPV6.address()).toString());
    }
}
