package dev.braid.core.client;

import java.net.Inet4Address;
import java.net.NetworkInterface;
import java.net.SocketException;
import java.util.Collections;
import java.util.Set;
import java.util.TreeSet;

/** Lists the interfaces a link can use now. Blocking (asks the kernel): call off the event loop. */
public final class InterfaceScanner {
    private final String ownTun;

    /** @param ownTun the client's own TUN, never a link */
    public InterfaceScanner(String ownTun) {
        this.ownTun = ownTun;
    }

    /** Up, not loopback, not our TUN, with at least one IPv4 address. */
    public Set<String> usable() {
        Set<String> names = new TreeSet<>();
        try {
            for (NetworkInterface nic : Collections.list(NetworkInterface.getNetworkInterfaces())) {
                if (nic.isUp() && !nic.isLoopback() && !nic.getName().equals(ownTun)
                        && Collections.list(nic.getInetAddresses()).stream().anyMatch(a -> a instanceof Inet4Address)) {
                    names.add(nic.getName());
                }
            }
        } catch (SocketException e) {
            return Set.of();
        }
        return names;
    }

    /** Every interface the host has now, usable or not. */
    public Set<String> present() {
        Set<String> names = new TreeSet<>();
        try {
            Collections.list(NetworkInterface.getNetworkInterfaces()).forEach(nic -> names.add(nic.getName()));
        } catch (SocketException e) {
            return Set.of();
        }
        return names;
    }
}
