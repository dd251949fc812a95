package dev.braid.core.session;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.braid.core.wire.Ipv4;
import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

class AddressPoolTest {

    @Test
    void handsOutEveryHostAddressOnceButNeverNetworkProxyOrBroadcast() {
        AddressPool pool = new AddressPool(Ipv4.parse("10.77.0.0"), 29);
        assertEquals("10.77.0.1", Ipv4.format(pool.proxyAddress()));
        Set<String> given = new HashSet<>();
        for (int i = 0; i < 5; i++) {
            given.add(Ipv4.format(pool.allocate()));
        }
        assertEquals(Set.of("10.77.0.2", "10.77.0.3", "10.77.0.4", "10.77.0.5", "10.77.0.6"), given);
        assertEquals(0, pool.allocate(), "an exhausted pool gives 0");
        pool.release(Ipv4.parse("10.77.0.4"));
        assertEquals("10.77.0.4", Ipv4.format(pool.allocate()));
        assertEquals(5, pool.inUse());
    }

    @Test
    void aPreferredAddressIsGivenWhileFreeAndOtherwiseTheNextFreeOne() {
        AddressPool pool = new AddressPool(Ipv4.parse("10.77.0.0"), 24);
        assertEquals("10.77.0.9", Ipv4.format(pool.allocate(Ipv4.parse("10.77.0.9"))));
        assertEquals("10.77.0.2", Ipv4.format(pool.allocate(Ipv4.parse("10.77.0.9"))), "taken: the next free one");
        assertEquals("10.77.0.3", Ipv4.format(pool.allocate(Ipv4.parse("10.77.0.1"))), "the proxy's own: never");
        assertEquals("10.77.0.4", Ipv4.format(pool.allocate(Ipv4.parse("10.78.0.5"))), "outside the pool: never");
        assertEquals("10.77.0.5", Ipv4.format(pool.allocate(0)), "none preferred");
    }

    @Test
    void hostBitsOfTheNetworkAreIgnoredAndAbsurdPrefixesRefused() {
        assertEquals("10.77.0.0/24", new AddressPool(Ipv4.parse("10.77.0.9"), 24).cidr());
        assertThrows(IllegalArgumentException.class, () -> new AddressPool(0, 31));
        assertThrows(IllegalArgumentException.class, () -> new AddressPool(0, 4));
    }
}
