package dev.braid.snat;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class SnatRulesetTest {

    @Test
    void masqueradesOnlyThePoolLeavingByTheEgressInterface() {
        String script = new SnatRuleset("braid_snat", "10.77.0.0/24", "eth0").script();

        assertTrue(script.startsWith("add table ip braid_snat\ndelete table ip braid_snat\n"), script);
        assertTrue(script.contains("type nat hook postrouting priority 100;"), script);
        assertTrue(script.contains("ip saddr 10.77.0.0/24 oifname \"eth0\" masquerade\n"), script);
        assertEquals(1, script.split("masquerade", -1).length - 1, "one masquerade rule: " + script);
        assertTrue(script.contains("ip saddr 10.77.0.0/24 oifname \"eth0\" accept"), script);
        assertTrue(script.contains("ip daddr 10.77.0.0/24 iifname \"eth0\" ct state established,related accept"), script);
    }

    @ParameterizedTest
    @CsvSource({
        "10.77.0.0/24, 10.77.0.0/24",
        "10.77.0.1/24, 10.77.0.0/24",
        "10.77.3.200/22, 10.77.0.0/22",
        "192.0.2.7/32, 192.0.2.7/32",
        "' 10.0.0.9/8 ', 10.0.0.0/8",
    })
    void clearsHostBitsOfThePool(String given, String normalized) {
        assertEquals(normalized, SnatRuleset.normalizeCidr(given));
    }

    @ParameterizedTest
    @ValueSource(strings = {"10.77.0.0", "10.77.0.0/33", "10.77.0.0/0", "10.77.0/24", "fd00::/64", "x/24", "10.77.0.0/24/1"})
    void rejectsAPoolThatIsNotAnIpv4Cidr(String pool) {
        assertThrows(IllegalArgumentException.class, () -> SnatRuleset.normalizeCidr(pool));
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "1abc", "a b", "t;flush ruleset", "tbl\"", "a-b"})
    void rejectsTableNamesThatCouldEscapeTheScript(String table) {
        assertThrows(IllegalArgumentException.class, () -> new SnatRuleset(table, "10.77.0.0/24", "eth0"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "eth0\"", "eth 0", "a/b", "sixteen_chars_xx", "eth0;"})
    void rejectsInterfaceNamesThatCouldEscapeTheScript(String dev) {
        assertThrows(IllegalArgumentException.class, () -> new SnatRuleset("braid_snat", "10.77.0.0/24", dev));
    }

    @Test
    void acceptsUsualInterfaceNames() {
        for (String dev : new String[] {"eth0", "enp0s31f6", "wlan0", "eth0.100", "br-lan", "ps0"}) {
            assertTrue(new SnatRuleset("braid_snat", "10.77.0.0/24", dev).script().contains('"' + dev + '"'));
        }
    }
}
