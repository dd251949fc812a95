package dev.braid.core.client;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.braid.core.net.IpFamily;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class UsableInterfacesTest {

    private static UsableInterfaces.Nic nic(String name, boolean up, String... addresses) {
        return new UsableInterfaces.Nic(name, up, name.equals("lo"), Arrays.stream(addresses).map(a -> {
            try {
                return InetAddress.getByName(a);
            } catch (UnknownHostException e) {
                throw new AssertionError(e);
            }
        }).toList());
    }

    @Test
    void anIpv6OnlyInterfaceIsUsableOverIpv6() {
        Map<String, Set<IpFamily>> usable = UsableInterfaces.of(List.of(
                nic("eth0", true, "10.0.0.2", "fe80::1"),
                nic("wwan0", true, "fe80::2", "2001:db8:1::5"),
                nic("wlan0", true, "192.168.1.5", "fd00:1::5")), "braid0");
        assertEquals(Map.of("eth0", Set.of(IpFamily.IPV4), "wwan0", Set.of(IpFamily.IPV6),
                "wlan0", Set.of(IpFamily.IPV4, IpFamily.IPV6)), usable);
    }

    @Test
    void linkLocalOnlyDownLoopbackAndOurOwnTunAreNot() {
        Map<String, Set<IpFamily>> usable = UsableInterfaces.of(List.of(
                nic("eth1", true, "fe80::1"),            // every IPv6 interface has one; reaches only its link
                nic("eth2", false, "10.0.0.2", "2001:db8::2"),
                nic("lo", true, "127.0.0.1", "::1"),
                nic("braid0", true, "10.77.0.2", "fd00:77::2"),
                nic("eth3", true)), "braid0");
        assertEquals(Map.of(), usable);
    }
}
