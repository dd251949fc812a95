package dev.braid.core.login;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.braid.core.config.InetPrefix;
import dev.braid.core.crypto.CipherSuite;
import java.net.InetAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Pushed routes, DNS servers and search domains in the ACCEPT's MACed extensions. */
class AcceptPushedConfigTest {
    private static final PushedConfig PUSHED = new PushedConfig(
            List.of(InetPrefix.parse("10.201.2.0/24"), InetPrefix.parse("fd00:201:2::/64")),
            List.of(address("10.77.0.1"), address("fd00:77::1")), List.of("corp.example", "~."));

    private static InetAddress address(String literal) {
        return InetPrefix.parse(literal + (literal.contains(":") ? "/128" : "/32")).address();
    }

    private static byte[] accept(PushedConfig pushed) {
        SessionParameters parameters = new SessionParameters(77, LoginFixture.ipv4(10, 77, 0, 2), 24, 1400,
                CipherSuite.CHACHA20_POLY1305, "single", Duration.ofSeconds(10), Duration.ofSeconds(90),
                new SessionToken(new byte[16]), null, pushed);
        byte[] body = LoginMessages.encodeAcceptWithoutMac(5, new byte[32], parameters);
        return Arrays.copyOf(body, body.length + LoginMessages.MAC_LENGTH);
    }

    @Test
    void whatIsPushedRoundTripsInsideTheMacedPart() throws Exception {
        byte[] body = accept(PUSHED);
        LoginMessages.Accept accept = LoginMessages.decodeAccept(body);
        assertEquals(PUSHED, accept.parameters().pushed());
        assertEquals(body.length - LoginMessages.MAC_LENGTH, accept.macInput().length, "the MAC covers it");
    }

    @Test
    void nothingPushedIsByteForByteTheOldAccept() throws Exception {
        byte[] none = accept(PushedConfig.NONE);
        assertEquals(PushedConfig.NONE, LoginMessages.decodeAccept(none).parameters().pushed());
        assertArrayEquals(none, accept(null));
    }

    @Test
    void longListsGoOnInMoreExtensionsOfTheSameType() throws Exception {
        List<InetPrefix> routes = new ArrayList<>();
        for (int i = 0; i < 64; i++) {
            routes.add(InetPrefix.parse("fd00:" + Integer.toHexString(i + 1) + "::/48"));
        }
        PushedConfig many = new PushedConfig(routes, List.of(), List.of());
        assertEquals(many, LoginMessages.decodeAccept(accept(many)).parameters().pushed());
    }

    @Test
    void malformedPushedValuesAreRefused() {
        for (byte[] value : List.of(new byte[] {5, 24, 10, 0, 0, 0}, new byte[] {4, 24, 10, 0}, new byte[] {4, 33, 10, 0, 0, 0},
                new byte[] {4, 8, 10, 0, 0, 1})) {
            assertRefused(PushedConfigExtensions.EXT_ROUTES, value);
        }
        assertRefused(PushedConfigExtensions.EXT_DNS, new byte[] {6, 1, 2});
        assertRefused(PushedConfigExtensions.EXT_DOMAINS, new byte[] {3, 'a', ' ', 'b'});
        assertRefused(PushedConfigExtensions.EXT_DOMAINS, new byte[] {9, 'a'});
    }

    private static void assertRefused(int type, byte[] value) {
        byte[] old = accept(PushedConfig.NONE);
        int at = old.length - LoginMessages.MAC_LENGTH;
        byte[] body = new byte[old.length + 2 + value.length];
        System.arraycopy(old, 0, body, 0, at);
        body[at] = (byte) type;
        body[at + 1] = (byte) value.length;
        System.arraycopy(value, 0, body, at + 2, value.length);
        MalformedLoginMessageException e = assertThrows(MalformedLoginMessageException.class,
                () -> LoginMessages.decodeAccept(body), Arrays.toString(value));
        assertTrue(e.getMessage().startsWith("ACCEPT: pushed"), e.getMessage());
    }

    @Test
    void searchDomainsAreNamesOnly() {
        assertTrue(PushedConfig.isDomain("corp.example") && PushedConfig.isDomain("~corp.example") && PushedConfig.isDomain("~."));
        for (String bad : List.of("", ".", "a b", "-a", "a;rm", "~", "é.example")) {
            assertThrows(IllegalArgumentException.class, () -> new PushedConfig(List.of(), List.of(), List.of(bad)), bad);
        }
    }
}
