package dev.braid.core.proxy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The users' last addresses: bounded, least recently heard from first, changes noticed once. */
class StickyAddressesTest {
    private final StickyAddresses addresses = new StickyAddresses(2);

    @Test
    void aUserGetsItsLastAddressUntilForgotten() {
        addresses.remember("alice", 3);
        addresses.remember("bob", 4);
        assertEquals(3, addresses.lastOf("alice"));
        addresses.remember("carol", 5);
        assertEquals(0, addresses.lastOf("bob"), "heard from least recently: forgotten first");
        assertEquals(List.of("alice", "carol"), List.copyOf(addresses.snapshot().keySet()));
    }

    @Test
    void onlyANewAddressCountsAsAChange() {
        assertFalse(addresses.takeChanged());
        addresses.remember("alice", 3);
        assertTrue(addresses.takeChanged());
        assertFalse(addresses.takeChanged(), "taken");
        addresses.remember("alice", 3);
        assertFalse(addresses.takeChanged(), "the same address again");
        addresses.remember("alice", 4);
        assertTrue(addresses.takeChanged());
    }

    @Test
    void loadedLeasesKeepTheNewestWhenTooMany() {
        Map<String, Integer> leases = new LinkedHashMap<>();
        leases.put("old", 2);
        leases.put("alice", 3);
        leases.put("bob", 4);
        addresses.load(leases);
        assertEquals(0, addresses.lastOf("old"));
        assertEquals(3, addresses.lastOf("alice"));
        assertFalse(addresses.takeChanged(), "what was read is what the file has");
    }
}
