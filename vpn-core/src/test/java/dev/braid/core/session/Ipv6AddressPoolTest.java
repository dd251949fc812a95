package dev.braid.core.session;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.braid.core.wire.Ipv6Address;
import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

class Ipv6AddressPoolTest {
    private static final Ipv6Address ULA = new Ipv6Address(0xfd00_0077_0000_0000L, 0);

    @Test
    void theProxyHasTheFirstHostAndClientsTheNextOnes() {
        Ipv6AddressPool pool = new Ipv6AddressPool(ULA, 64);
        assertEquals("fd00:77::1", pool.proxyAddress().toString());
        assertEquals("fd00:77::2", pool.allocate().toString());
        assertEquals("fd00:77::3", pool.allocate().toString());
        assertEquals("fd00:77::/64", pool.cidr());
        assertEquals(2, pool.inUse());
    }

    @Test
    void hostBitsOfTheConfiguredNetworkAreCleared() {
        Ipv6AddressPool pool = new Ipv6AddressPool(new Ipv6Address(ULA.hi(), 0x1234), 120);
        assertEquals("fd00:77::1200/120", pool.cidr());
        assertEquals("fd00:77::1202", pool.allocate().toString());
    }

    @Test
    void aSmallPoolRunsOutAndAReleasedAddressComesBackLater() {
        Ipv6AddressPool pool = new Ipv6AddressPool(ULA, 120);
        assertEquals(254, pool.capacity()); // 256 minus the anycast and the proxy's
        Set<Ipv6Address> seen = new HashSet<>();
        for (int i = 0; i < 254; i++) {
            seen.add(pool.allocate());
        }
        assertEquals(254, seen.size());
        assertNull(pool.allocate(), "exhausted");
        Ipv6Address freed = new Ipv6Address(ULA.hi(), 7);
        pool.release(freed);
        assertEquals(freed, pool.allocate());
    }

    @Test
    void releasingForeignOrReservedAddressesChangesNothing() {
        Ipv6AddressPool pool = new Ipv6AddressPool(ULA, 64);
        Ipv6Address first = pool.allocate();
        pool.release(pool.proxyAddress());
        pool.release(new Ipv6Address(ULA.hi() + 1, first.lo()));
        pool.release(new Ipv6Address(ULA.hi(), -1L));
        assertEquals(1, pool.inUse());
        assertNotEquals(pool.proxyAddress(), pool.allocate());
    }

    @Test
    void aHugePrefixHandsOutAtMostMaxHosts() {
        assertEquals(Ipv6AddressPool.MAX_HOSTS - 2, new Ipv6AddressPool(ULA, 64).capacity());
    }

    @Test
    void prefixesOutsideSixtyFourToOneTwentyAreRefused() {
        assertThrows(IllegalArgumentException.class, () -> new Ipv6AddressPool(ULA, 48));
        assertThrows(IllegalArgumentException.class, () -> new Ipv6AddressPool(ULA, 124));
    }
}
