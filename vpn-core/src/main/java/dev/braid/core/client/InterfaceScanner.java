package dev.braid.core.client;

import dev.braid.core.net.IpFamily;
import java.net.NetworkInterface;
import java.net.SocketException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/** Lists the interfaces a link can use now. Blocking (asks the kernel): call off the event loop. */
public final class InterfaceScanner {
    private final String ownTun;

    /** @param ownTun the client's own TUN, never a link */
    public InterfaceScanner(String ownTun) {
        this.ownTun = ownTun;
    }

    /** Up, not loopback, not our TUN, with an IPv4 or a global IPv6 address ({@link UsableInterfaces}). */
    public Set<String> usable() {
        return usableFamilies().keySet();
    }

    /** The usable interfaces, each with the address families it has. */
    public Map<String, Set<IpFamily>> usableFamilies() {
        List<UsableInterfaces.Nic> nics = new ArrayList<>();
        try {
            for (NetworkInterface nic : Collections.list(NetworkInterface.getNetworkInterfaces())) {
                nics.add(new UsableInterfaces.Nic(nic.getName(), nic.isUp(), nic.isLoopback(),
                        Collections.list(nic.getInetAddresses())));
            }
        } catch (SocketException e) {
            return Map.of();
        }
        return UsableInterfaces.of(nics, ownTun);
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
