package dev.braid.core.proxy;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The client address each user had last, so a user who logs in again (a reconnect, a restarted
 * client) gets it back while it is free and its inner connections survive. Bounded: the users
 * heard from least recently are forgotten first. Lives on the proxy's event loop; with an
 * {@code address-leases} file a restarted proxy starts from what it wrote ({@link AddressLeaseFile}).
 */
final class StickyAddresses {
    private final Map<String, Integer> lastAddress;
    private boolean changed;

    StickyAddresses(int maxUsers) {
        this.lastAddress = new LinkedHashMap<>(16, 0.75f, true) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<String, Integer> eldest) {
                return size() > maxUsers;
            }
        };
    }

    /** @return the user's last address, or 0 */
    int lastOf(String user) {
        return lastAddress.getOrDefault(user, 0);
    }

    void remember(String user, int address) {
        Integer before = lastAddress.put(user, address);
        changed |= before == null || before != address;
    }

    /** Takes in leases read back, oldest first (the newest win when there are more than fit). */
    void load(Map<String, Integer> leases) {
        leases.forEach(lastAddress::put);
    }

    /** Whether an address changed since the last call. */
    boolean takeChanged() {
        boolean was = changed;
        changed = false;
        return was;
    }

    /** A copy of every user's last address, least recently heard from first. */
    Map<String, Integer> snapshot() {
        return new LinkedHashMap<>(lastAddress);
    }
}
