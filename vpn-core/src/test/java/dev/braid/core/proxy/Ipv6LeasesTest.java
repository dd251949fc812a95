package dev.braid.core.proxy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.braid.core.login.Ipv6Assignment;
import dev.braid.core.session.Ipv6AddressPool;
import dev.braid.core.wire.Ipv6Address;
import org.junit.jupiter.api.Test;

/** A login's IPv6 address from reservation to session (or back to the pool). */
class Ipv6LeasesTest {
    private final Ipv6AddressPool pool = new Ipv6AddressPool(new Ipv6Address(0xfd00_0077_0000_0000L, 0), 120);
    private final Ipv6Leases leases = new Ipv6Leases(pool);

    @Test
    void aReservedAddressIsClaimedByItsSession() {
        Ipv6Assignment granted = leases.reserve(7, 0);
        assertEquals("fd00:77::2/120", granted.toString());
        assertEquals(Ipv6Address.of(granted.address()), leases.claim(7, granted));
        assertEquals(1, pool.inUse());
        leases.release(Ipv6Address.of(granted.address()));
        assertEquals(0, pool.inUse());
    }

    @Test
    void theAddressTakesTheHostNumberOfTheIpv4OneWhileFree() {
        assertEquals("fd00:77::9/120", leases.reserve(7, 9).toString());
        assertEquals("fd00:77::2/120", leases.reserve(8, 9).toString(), "taken: the first free one");
    }

    @Test
    void aClientThatCannotReadTheAddressGivesItBack() {
        leases.reserve(7, 0);
        assertNull(leases.claim(7, null));
        assertEquals(0, pool.inUse());
    }

    @Test
    void aFailedLoginGivesItBack() {
        leases.reserve(7, 0);
        leases.cancel(7);
        leases.cancel(7); // twice: nothing more
        assertEquals(0, pool.inUse());
    }

    @Test
    void theLastAddressCanBeReservedAndThenThePoolIsExhausted() {
        for (int id = 0; id < pool.capacity() - 1; id++) {
            leases.reserve(id, 0);
        }
        assertFalse(leases.exhausted());
        assertTrue(leases.reserve(1000, 0) != null);
        assertTrue(leases.exhausted());
        leases.cancel(1000);
        assertFalse(leases.exhausted());
    }

    @Test
    void withoutAPool6NothingIsGrantedOrExhausted() {
        Ipv6Leases none = new Ipv6Leases(null);
        assertFalse(none.exhausted());
        assertNull(none.reserve(1, 0));
        assertNull(none.claim(1, null));
    }
}
