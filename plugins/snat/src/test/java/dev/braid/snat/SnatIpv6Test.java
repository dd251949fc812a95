package dev.braid.snat;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.braid.core.spi.Role;
import dev.braid.core.spi.TunnelNetwork;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import org.junit.jupiter.api.Test;

/** With a client-pool6 the hook installs an ip6 table of the same name beside the ip one, and removes both. */
class SnatIpv6Test {
    private static final TunnelNetwork DUAL = new TunnelNetwork(Role.PROXY, "braid0", "10.77.0.1/24", "10.77.0.0/24",
            "fd00:77::1/64", "fd00:77::/64");

    /** @param ip6TableFails the second nft script (the ip6 table's) fails */
    private static Function<List<String>, CommandResult> host(String ipv6DefaultRoute, boolean ip6TableFails) {
        AtomicInteger scripts = new AtomicInteger();
        return command -> {
            String line = String.join(" ", command);
            if (line.equals("ip -4 route show default")) {
                return FakeCommands.ok(command, "default via 192.0.2.1 dev eth0\n");
            }
            if (line.equals("ip -6 route show default")) {
                return FakeCommands.ok(command, ipv6DefaultRoute);
            }
            if (line.equals("nft -f -") && scripts.incrementAndGet() == 2 && ip6TableFails) {
                return FakeCommands.failed(command, "Error: Could not process rule: No such file or directory");
            }
            return FakeCommands.ok(command, "");
        };
    }

    @Test
    void bothFamiliesAreInstalledAndUndoneIpv6First() throws Exception {
        FakeCommands commands = new FakeCommands(host("default via fe80::1 dev eth1 proto ra metric 1024\n", false));
        commands.sysctls.put(SnatNetworkHook.IPV6_FORWARD, "0");
        SnatNetworkHook hook = new SnatNetworkHook(new SnatConfig(), commands);
        hook.start(DUAL);
        assertEquals(List.of("nft list tables ip", "ip -4 route show default", "nft -f -", "read net.ipv4.ip_forward",
                "write net.ipv4.ip_forward=1", "nft list tables ip6", "ip -6 route show default", "nft -f -",
                "read net.ipv6.conf.all.forwarding", "write net.ipv6.conf.all.forwarding=1"), commands.ran);
        commands.ran.clear();
        hook.stop();
        assertEquals(List.of("write net.ipv6.conf.all.forwarding=0", "nft delete table ip6 braid_snat",
                "write net.ipv4.ip_forward=0", "nft delete table ip braid_snat"), commands.ran);
    }

    @Test
    void withoutAnIpv6DefaultRouteTheIpv4EgressIsUsed() throws Exception {
        FakeCommands commands = new FakeCommands(host("", false));
        SnatNetworkHook hook = new SnatNetworkHook(new SnatConfig(), commands);
        hook.start(DUAL);
        assertEquals(2, commands.ran.stream().filter("nft -f -"::equals).count());
        hook.stop();
    }

    @Test
    void theIp6TableMasqueradesThePool6() {
        SnatRuleset ruleset = new SnatRuleset(SnatFamily.IPV6, "braid_snat", "fd00:77::/64", "eth0");
        String script = ruleset.script();
        assertTrue(script.startsWith("add table ip6 braid_snat\ndelete table ip6 braid_snat\ntable ip6 braid_snat {"),
                script);
        assertTrue(script.contains("ip6 saddr fd00:77::/64 oifname \"eth0\" masquerade"), script);
        assertTrue(script.contains("ip6 daddr fd00:77::/64 iifname \"eth0\" ct state established,related accept"), script);
    }

    @Test
    void aFailedIpv6TableTakesTheIpv4OneWithIt() {
        FakeCommands commands = new FakeCommands(host("", true));
        SnatNetworkHook hook = new SnatNetworkHook(new SnatConfig(), commands);
        SnatException failure = assertThrows(SnatException.class, () -> hook.start(DUAL));
        assertTrue(failure.getMessage().contains("install table ip6 braid_snat"), failure.getMessage());
        assertTrue(commands.ran.contains("nft delete table ip braid_snat"), commands.ran.toString());
        assertEquals("0", commands.sysctls.get(SnatNetworkHook.IP_FORWARD));
    }

    @Test
    void aPool6WithHostBitsIsRefusedBeforeAnythingRuns() {
        FakeCommands commands = new FakeCommands(host("", false));
        TunnelNetwork bad = new TunnelNetwork(Role.PROXY, "braid0", "10.77.0.1/24", "10.77.0.0/24", "fd00:77::1/64",
                "fd00:77::1/64");
        SnatException failure = assertThrows(SnatException.class, () -> new SnatNetworkHook(new SnatConfig(), commands)
                .start(bad));
        assertTrue(failure.getMessage().contains("client pool6 'fd00:77::1/64' is not an IPv6 CIDR"), failure.getMessage());
        assertEquals(List.of(), commands.ran);
    }
}
