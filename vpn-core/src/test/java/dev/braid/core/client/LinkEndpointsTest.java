package dev.braid.core.client;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.braid.core.config.HostPort;
import dev.braid.core.net.IpFamily;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The family of each link: from its local-address, else its interface, else the resolver's first answer. */
class LinkEndpointsTest {
    private static final HostPort PROXY = HostPort.parse("proxy.example:7600");
    /** What a dual-stack name resolves to, IPv4 first as Java orders it by default. */
    private static final List<InetAddress> BOTH = addresses("192.0.2.1", "2001:db8::1");

    private static List<InetAddress> addresses(String... literals) {
        return Arrays.stream(literals).map(a -> {
            try {
                return InetAddress.getByName(a);
            } catch (UnknownHostException e) {
                throw new AssertionError(e);
            }
        }).toList();
    }

    private static InetSocketAddress at(String address, int port) {
        return new InetSocketAddress(addresses(address).get(0), port);
    }

    @Test
    void withoutInterfaceOrLocalAddressTheFirstAddressAndItsWildcard() {
        LinkEndpoints.Endpoints ends = LinkEndpoints.choose("a", PROXY, BOTH, null, null);
        assertEquals(at("192.0.2.1", 7600), ends.remote());
        assertEquals(IpFamily.IPV4.anyLocal(), ends.local());
        ends = LinkEndpoints.choose("a", PROXY, addresses("2001:db8::1"), null, null);
        assertEquals(at("2001:db8::1", 7600), ends.remote());
        assertEquals(at("::", 0), ends.local());
    }

    @Test
    void anIpv6OnlyInterfaceTakesTheProxysIpv6Address() {
        LinkEndpoints.Endpoints ends = LinkEndpoints.choose("lte", PROXY, BOTH, null, Set.of(IpFamily.IPV6));
        assertEquals(at("2001:db8::1", 7600), ends.remote());
        assertEquals(IpFamily.IPV6.anyLocal(), ends.local());
        // a dual-stack interface keeps the resolver's order
        assertEquals(at("192.0.2.1", 7600), LinkEndpoints.choose("wifi", PROXY, BOTH, null,
                Set.of(IpFamily.IPV4, IpFamily.IPV6)).remote());
    }

    @Test
    void aLocalAddressChoosesItsFamilyAndIsBound() {
        LinkEndpoints.Endpoints ends = LinkEndpoints.choose("b", PROXY, BOTH, addresses("fd00:1::5").get(0),
                Set.of(IpFamily.IPV4, IpFamily.IPV6));
        assertEquals(at("2001:db8::1", 7600), ends.remote());
        assertEquals(at("fd00:1::5", 0), ends.local());
    }

    @Test
    void noCommonFamilyIsOneSentenceNamingTheLink() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> LinkEndpoints.choose("b",
                HostPort.parse("[2001:db8::1]:7600"), addresses("2001:db8::1"), addresses("10.0.0.2").get(0), null));
        assertEquals("link b: local-address 10.0.0.2 is IPv4 only, but proxy [2001:db8::1]:7600 has IPv6 addresses"
                + " only (2001:db8:0:0:0:0:0:1): give the link a proxy of its family", e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> LinkEndpoints.choose("lte", PROXY,
                addresses("192.0.2.1"), null, Set.of(IpFamily.IPV6)));
        assertEquals("link lte: its interface has addresses of IPv6 only, but proxy proxy.example:7600 has IPv4"
                + " addresses only (192.0.2.1): give the link a proxy of its family", e.getMessage());
    }

    @Test
    void localAddressesAreLiteralsNeverLookedUp() {
        assertEquals(addresses("fd00::5").get(0), LinkEndpoints.parseLocalAddress("a", "fd00::5"));
        assertEquals(addresses("10.0.0.2").get(0), LinkEndpoints.parseLocalAddress("a", "10.0.0.2"));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> LinkEndpoints.parseLocalAddress("a", "eth0"));
        assertEquals("link a: local-address 'eth0' is not an IPv4 or IPv6 address of this host", e.getMessage());
    }
}
