package dev.braid.core.login;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.net.InetAddress;
import org.junit.jupiter.api.Test;

class SubnetsTest {

    @Test
    void ipv4IsCutToSlash24AndIpv6ToSlash64() throws Exception {
        assertEquals("10.0.0.0/24", Subnets.of(InetAddress.getByName("10.0.0.77")));
        assertEquals("2001:db8:0:1:0:0:0:0/64", Subnets.of(InetAddress.getByName("2001:db8:0:1:aa:bb:cc:dd")));
    }

    @Test
    void literalsAreParsedWithoutLookupAndNamesStayThemselves() {
        assertEquals("192.0.2.0/24", Subnets.ofLiteral("192.0.2.10"));
        assertEquals("2001:db8:0:1:0:0:0:0/64", Subnets.ofLiteral("2001:db8:0:1::9"));
        assertEquals("client-a", Subnets.ofLiteral("client-a"));
    }

    @Test
    void aLoginSourceIsTheIpv4AddressOrTheIpv6Slash64() throws Exception {
        assertEquals("192.0.2.10", Subnets.loginSource(InetAddress.getByName("192.0.2.10")));
        // two privacy addresses of one host are one source for the failure limits
        assertEquals("2001:db8:0:1:0:0:0:0/64", Subnets.loginSource(InetAddress.getByName("2001:db8:0:1::9")));
        assertEquals(Subnets.loginSource(InetAddress.getByName("2001:db8:0:1:1234:5678:9abc:def0")),
                Subnets.loginSource(InetAddress.getByName("2001:db8:0:1::9")));
        assertEquals("2001:db8:0:1:0:0:0:0/64", Subnets.ofLiteral(Subnets.loginSource(InetAddress.getByName("2001:db8:0:1::9"))),
                "the log summary of such a source is its /64");
    }
}
