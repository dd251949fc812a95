package dev.braid.core.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.Inet6Address;
import java.net.InetAddress;
import java.util.List;
import org.junit.jupiter.api.Test;

/** {@code [v6]:port} beyond parsing (whose table is in {@link ConfigValuesTest}): the message, and no lookups. */
class HostPortIpv6Test {

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
