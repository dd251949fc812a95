package dev.braid.core.proxy;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.net.InetSocketAddress;
import org.junit.jupiter.api.Test;

class ListenFamiliesTest {

    @Test
    void theIpv6WildcardServesBothUnlessV6Only() {
        assertEquals("IPv4 and IPv6", ListenFamilies.describe(new InetSocketAddress("::", 7600), false));
        assertEquals("IPv6 only", ListenFamilies.describe(new InetSocketAddress("::", 7600), true));
    }

    @Test
    void anyOtherAddressServesItsOwnFamily() {
        assertEquals("IPv4 only", ListenFamilies.describe(new InetSocketAddress("0.0.0.0", 7600), false));
        assertEquals("IPv4 only", ListenFamilies.describe(new InetSocketAddress("192.0.2.1", 7600), false));
        assertEquals("IPv6 only", ListenFamilies.describe(new InetSocketAddress("2001:db8::1", 7600), false));
    }
}
