package dev.braid.core.client;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.braid.core.config.InetPrefix;
import java.net.InetSocketAddress;
import java.util.List;
import org.junit.jupiter.api.Test;

class KillSwitchTest {
    @Test
    void theTableRejectsTheRoutesOutsideTheTunAndLetsTheProxyThrough() {
        String script = KillSwitch.ruleset("braid_killswitch_braid0", "braid0",
                TunnelRoutes.of(List.of(InetPrefix.parse("0.0.0.0/1"), InetPrefix.parse("128.0.0.0/1"))),
                List.of(new InetSocketAddress("203.0.113.10", 7600), new InetSocketAddress("2001:db8::10", 7600)));
        assertTrue(script.startsWith("table inet braid_killswitch_braid0 {}\ndelete table inet braid_killswitch_braid0\n"),
                "replaced whole, also when it is left from a crash:\n" + script);
        assertTrue(script.contains("elements = { 0.0.0.0/1, 128.0.0.0/1 }"), script);
        assertTrue(script.contains("elements = { ::/1, 8000::/1 }"), "a full IPv4 tunnel takes IPv6 too:\n" + script);
        assertTrue(script.contains("    oifname \"braid0\" accept\n"), script);
        assertTrue(script.contains("    ip daddr 203.0.113.10 udp dport 7600 accept\n"), script);
        assertTrue(script.contains("    ip6 daddr 2001:db8:0:0:0:0:0:10 udp dport 7600 accept\n"), script);
        assertTrue(script.indexOf("udp dport 7600 accept") < script.indexOf("ip daddr @routes4 counter reject"),
                "the proxy's datagrams pass before the routes are rejected:\n" + script);
        assertTrue(script.contains("chain forward {") && script.contains("ip6 daddr @routes6 counter drop"), script);
    }

    @Test
    void onlyTheFamiliesWithRoutesGetASetAndARule() {
        String script = KillSwitch.ruleset("t", "tun0", List.of(InetPrefix.parse("10.0.0.0/8")), List.of());
        assertTrue(script.contains("set routes4"), script);
        assertFalse(script.contains("routes6"), script);
    }

    @Test
    void tableNamesTakeOnlyWhatNftAccepts() {
        assertEquals("braid_killswitch_braid_vpn_0", KillSwitch.tableName("Braid-vpn.0"));
    }
}
