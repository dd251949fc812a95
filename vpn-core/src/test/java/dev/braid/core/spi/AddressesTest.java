package dev.braid.core.spi;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import org.junit.jupiter.api.Test;

class AddressesTest {
    @Test
    void ipColonPortWithoutSlashScopeOrLongIpv6() throws Exception {
        assertEquals("10.1.2.3:7600", Addresses.format(new InetSocketAddress("10.1.2.3", 7600)));
        assertEquals("[fd00:250::2]:49235", Addresses.format(new InetSocketAddress(
                InetAddress.getByName("fd00:250:0:0:0:0:0:2%0"), 49235)));
        assertEquals("[::1]:7600", Addresses.format(new InetSocketAddress("::1", 7600)));
        assertEquals("proxy.example:7600", Addresses.format(InetSocketAddress.createUnresolved("proxy.example", 7600)));
        assertEquals("-", Addresses.format(null));
    }

    @Test
    void sessionIdsAreUnsignedEverywhere() {
        assertEquals("2523639308", SessionIds.format(-1771327988));
        assertEquals(2523639308L, SessionIds.unsigned(-1771327988));
    }
}
