package dev.braid.core.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.Inet6Address;
import java.net.InetAddress;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** {@code [v6]:port}: literals only in brackets, checked as literals, never looked up. */
class HostPortIpv6Test {

    @ParameterizedTest(name = "{0}")
    @CsvSource({
        "'[::]:7600', ::, 7600",
        "'[fd00:201:10::1]:7600', fd00:201:10::1, 7600",
        "'[fe80::1%eth0]:7600', fe80::1%eth0, 7600",
        "'[::ffff:192.0.2.1]:7600', ::ffff:192.0.2.1, 7600",
        "'[2001:DB8::A]:1', 2001:DB8::A, 1"})
    void parsesBracketedIpv6(String text, String host, int port) {
        HostPort parsed = HostPort.parse(text);
        assertEquals(new HostPort(host, port), parsed);
        assertEquals(text, parsed.toString());
    }

    @ParameterizedTest
    @ValueSource(strings = {"[zz::1]:7600", "[1:2:3:4:5:6:7:8:9]:7600", "[fe80::1%]:7600", "[fe80::1%a b]:7600",
        "[::1]", "[::1]:", "[]:7600", "[::1]:70000", "fd00::1:7600", "[fd00::1]:x"})
    void rejectsWhatIsNotAnIpv6LiteralAndPort(String text) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> HostPort.parse(text));
        assertTrue(e.getMessage().startsWith("invalid host:port '" + text + "'"), e.getMessage());
    }

    @Test
    void saysWhyABracketedNameIsWrong() {
        assertEquals("invalid host:port '[zz::1]:7600': 'zz::1' is not an IPv6 address",
                assertThrows(IllegalArgumentException.class, () -> HostPort.parse("[zz::1]:7600")).getMessage());
    }

    @Test
    void resolvesALiteralToItselfWithoutALookup() throws Exception {
        List<InetAddress> addresses = HostPort.parse("[fd00::2]:7600").resolveAll();
        assertEquals(List.of(InetAddress.getByName("fd00::2")), addresses);
        assertTrue(addresses.get(0) instanceof Inet6Address);
        assertEquals(List.of(InetAddress.getByName("192.0.2.7")), HostPort.parse("192.0.2.7:7600").resolveAll());
    }
}
