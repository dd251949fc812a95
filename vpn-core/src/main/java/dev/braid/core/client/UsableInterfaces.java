package dev.braid.core.client;

import dev.braid.core.net.IpFamily;
import java.net.InetAddress;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * Which interfaces can carry a link, and over which families, from what the kernel lists; no
 * I/O. An interface is usable when it is up, not loopback, not the client's own TUN, and has an
 * IPv4 address or an IPv6 address a proxy can be reached from: not link-local (every IPv6
 * interface has one, and it reaches only its own link), not loopback or multicast.
 */
public final class UsableInterfaces {
    /** One interface as {@link java.net.NetworkInterface} describes it. */
    public record Nic(String name, boolean up, boolean loopback, List<InetAddress> addresses) {
        public Nic {
            addresses = List.copyOf(addresses);
        }
    }

    private UsableInterfaces() {}

    /** The usable interfaces, by name, each with the families it has addresses of. */
    public static Map<String, Set<IpFamily>> of(List<Nic> nics, String ownTun) {
        Map<String, Set<IpFamily>> usable = new TreeMap<>();
        for (Nic nic : nics) {
            if (!nic.up() || nic.loopback() || nic.name().equals(ownTun)) {
                continue;
            }
            Set<IpFamily> families = EnumSet.noneOf(IpFamily.class);
            for (InetAddress address : nic.addresses()) {
                if (reachesBeyondTheLink(address)) {
                    families.add(IpFamily.of(address));
                }
            }
            if (!families.isEmpty()) {
                usable.put(nic.name(), Set.copyOf(families));
            }
        }
        return usable;
    }

    private static boolean reachesBeyondTheLink(InetAddress address) {
        if (IpFamily.of(address) == IpFamily.IPV4) {
            return true; // as before: an IPv4 address of any scope (169.254/16 too) counts
        }
        return !address.isLinkLocalAddress() && !address.isLoopbackAddress() && !address.isMulticastAddress()
                && !address.isAnyLocalAddress();
    }
}
