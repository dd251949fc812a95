package dev.braid.snat;

import static dev.braid.snat.FakeCommands.failed;
import static dev.braid.snat.FakeCommands.ok;
import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.braid.core.spi.Role;
import dev.braid.core.spi.TunnelNetwork;
import java.nio.file.AccessDeniedException;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The hook's decisions against a fake command runner; the real thing is in SnatNamespaceTest. */
class SnatNetworkHookTest {
    private static final TunnelNetwork PROXY = new TunnelNetwork(Role.PROXY, "braid0", "10.77.0.1/24", "10.77.0.0/24");
    private static final TunnelNetwork CLIENT = new TunnelNetwork(Role.CLIENT, "braid0", "10.77.0.2/24", "10.77.0.0/24");

    /** A host with a default route via eth0 where nft does what it is told. */
    private static CommandResult healthyHost(List<String> command) {
        String line = String.join(" ", command);
        if (line.equals("ip -4 route show default")) {
            return ok(command, "default via 192.0.2.1 dev eth0 proto dhcp metric 100\n");
        }
        if (line.equals("nft list tables ip")) {
            return ok(command, "table ip filter\n");
        }
        return ok(command, "");
    }

    @Test
    void doesNothingOnTheClient() throws Exception {
        FakeCommands commands = new FakeCommands(healthyHost());
        SnatNetworkHook hook = new SnatNetworkHook(new SnatConfig(), commands);
        hook.start(CLIENT);
        hook.stop();
        assertEquals(List.of(), commands.ran);
    }

    @Test
    void installsTheTableThenEnablesForwardingAndUndoesBothInReverse() throws Exception {
        FakeCommands commands = new FakeCommands(healthyHost());
        SnatNetworkHook hook = new SnatNetworkHook(new SnatConfig(), commands);

        hook.start(PROXY);
        assertEquals(List.of("nft list tables ip", "ip -4 route show default", "nft -f -",
                "read net.ipv4.ip_forward", "write net.ipv4.ip_forward=1"), commands.ran);

        commands.ran.clear();
        hook.stop();
        assertEquals(List.of("write net.ipv4.ip_forward=0", "nft delete table ip braid_snat"), commands.ran);
        assertEquals("0", commands.sysctls.get(SnatNetworkHook.IP_FORWARD));

        commands.ran.clear();
        hook.stop();
        assertEquals(List.of(), commands.ran, "a second stop does nothing");
    }

    @Test
    void leavesForwardingAloneWhenAlreadyOnOrDisabled() throws Exception {
        FakeCommands commands = new FakeCommands(healthyHost());
        commands.sysctls.put(SnatNetworkHook.IP_FORWARD, "1");
        SnatNetworkHook hook = new SnatNetworkHook(new SnatConfig(), commands);
        hook.start(PROXY);
        hook.stop();
        assertTrue(commands.ran.stream().noneMatch(c -> c.startsWith("write")), commands.ran.toString());

        FakeCommands off = new FakeCommands(healthyHost());
        SnatConfig config = new SnatConfig();
        config.setEnableForwarding(false);
        SnatNetworkHook quiet = new SnatNetworkHook(config, off);
        quiet.start(PROXY);
        quiet.stop();
        assertTrue(off.ran.stream().noneMatch(c -> c.contains("ip_forward")), off.ran.toString());
        assertEquals("0", off.sysctls.get(SnatNetworkHook.IP_FORWARD));
    }

    @Test
    void stopAcceptsATableThatIsAlreadyGone() throws Exception {
        FakeCommands commands = new FakeCommands(command -> String.join(" ", command).startsWith("nft delete")
                ? failed(command, "Error: Could not process rule: No such file or directory\n")
                : healthyHost(command));
        SnatNetworkHook hook = new SnatNetworkHook(new SnatConfig(), commands);
        hook.start(PROXY);
        assertDoesNotThrow(hook::stop);
        assertEquals("0", commands.sysctls.get(SnatNetworkHook.IP_FORWARD));
    }

    @Test
    void missingNftBinaryFailsWithOneClearSentence() {
        Commands commands = new ProcessCommands().withProgram("nft", "/nonexistent/braid-test/nft");
        SnatNetworkHook hook = new SnatNetworkHook(new SnatConfig(), commands);

        SnatException e = assertThrows(SnatException.class, () -> hook.start(PROXY));
        assertEquals("nft (nftables) is not installed: apt-get install nftables", e.getMessage());
    }

    @Test
    void permissionDeniedNamesCapNetAdmin() {
        FakeCommands commands = new FakeCommands(command -> command.get(0).equals("nft")
                ? failed(command, "Operation not permitted (you must be root)\n"
                        + "netlink: Error: cache initialization failed: Operation not permitted\n")
                : healthyHost(command));
        SnatNetworkHook hook = new SnatNetworkHook(new SnatConfig(), commands);

        SnatException e = assertThrows(SnatException.class, () -> hook.start(PROXY));
        assertTrue(e.getMessage().contains("CAP_NET_ADMIN"), e.getMessage());
    }

    @Test
    void deniedForwardingSysctlNamesCapNetAdminAndRemovesTheTable() {
        FakeCommands commands = new FakeCommands(healthyHost());
        commands.sysctlWriteFailure = new AccessDeniedException("/proc/sys/net/ipv4/ip_forward");
        SnatNetworkHook hook = new SnatNetworkHook(new SnatConfig(), commands);

        SnatException e = assertThrows(SnatException.class, () -> hook.start(PROXY));
        assertTrue(e.getMessage().contains("CAP_NET_ADMIN"), e.getMessage());
        assertEquals("nft delete table ip braid_snat", commands.ran.get(commands.ran.size() - 1));
    }

    @Test
    void noDefaultRouteAndNoConfiguredInterfaceIsAClearError() {
        FakeCommands commands = new FakeCommands(command -> String.join(" ", command).equals("ip -4 route show default")
                ? ok(command, "")
                : healthyHost(command));
        SnatNetworkHook hook = new SnatNetworkHook(new SnatConfig(), commands);

        SnatException e = assertThrows(SnatException.class, () -> hook.start(PROXY));
        assertEquals("there is no IPv4 default route to take the egress interface from: set snat.egress-interface",
                e.getMessage());
        assertTrue(commands.ran.stream().noneMatch(c -> c.startsWith("nft -f")), "nothing installed");
    }

    @Test
    void configuredInterfaceMustExist() {
        FakeCommands commands = new FakeCommands(command -> command.get(0).equals("ip") && command.contains("link")
                ? failed(command, "Device \"eth9\" does not exist.\n")
                : healthyHost(command));
        SnatConfig config = new SnatConfig();
        config.setEgressInterface("eth9");
        SnatNetworkHook hook = new SnatNetworkHook(config, commands);

        SnatException e = assertThrows(SnatException.class, () -> hook.start(PROXY));
        assertEquals("snat egress-interface 'eth9' does not exist: Device \"eth9\" does not exist.", e.getMessage());
    }

    @Test
    void staleTableIsReplacedInTheSameTransaction() throws Exception {
        FakeCommands commands = new FakeCommands(command -> String.join(" ", command).equals("nft list tables ip")
                ? ok(command, "table ip filter\ntable ip braid_snat\n")
                : healthyHost(command));
        SnatNetworkHook hook = new SnatNetworkHook(new SnatConfig(), commands);
        hook.start(PROXY);
        assertEquals(1, commands.ran.stream().filter(c -> c.equals("nft -f -")).count());
    }

    @Test
    void badPoolIsRejectedBeforeAnythingRuns() {
        FakeCommands commands = new FakeCommands(healthyHost());
        SnatNetworkHook hook = new SnatNetworkHook(new SnatConfig(), commands);
        TunnelNetwork bad = new TunnelNetwork(Role.PROXY, "braid0", "10.77.0.1/24", "10.77.0.0");
        assertThrows(SnatException.class, () -> hook.start(bad));
        assertEquals(List.of(), commands.ran);
    }

    private static java.util.function.Function<List<String>, CommandResult> healthyHost() {
        return SnatNetworkHookTest::healthyHost;
    }
}
