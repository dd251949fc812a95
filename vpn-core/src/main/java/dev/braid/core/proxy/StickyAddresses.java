package dev.braid.core.proxy;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The client address each user had last, so a user who logs in again (a reconnect, a restarted
 * client) gets it back while it is free and its inner connections survive. Bounded: the users
 * heard from least recently are forgotten first. Lives on the proxy's event loop; a restarted
 * proxy starts empty.
 */
final class StickyAddresses {
    private final Map<String, Integer> lastAddress;

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
        lastAddress.put(user, address);
    }
}
