package dev.braid.core.proxy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.braid.core.config.InetPrefix;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class ClientPool6CheckTest {
    @ParameterizedTest
    @ValueSource(strings = {"fd00:77::/64", "2001:db8:1:2::/64", "fd00:77::100/120"})
    void goodPoolsPass(String pool) {
        assertEquals(List.of(), ClientPool6Check.problems(InetPrefix.parse(pool)));
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "10.77.0.0/24|must be an IPv6 prefix",
        "fd00:77::/48|larger than a /64",
        "fd00:77::/124|too small",
        "fe80::/64|overlaps fe80::/10",
        "ff05::/64|overlaps ff00::/8",
        "::/64|overlaps ::/8"})
    void badPoolsAreNamed(String pool, String problem) {
        List<String> problems = ClientPool6Check.problems(InetPrefix.parse(pool));
        assertTrue(problems.stream().anyMatch(p -> p.startsWith("client-pool6 ") && p.contains(problem)), problems.toString());
    }

    @Test
    void theProxyConfigReportsThem() {
        ProxyConfig config = new ProxyConfig();
        config.setClientPool6(InetPrefix.parse("10.77.0.0/24"));
        assertTrue(config.validate().stream().anyMatch(p -> p.contains("client-pool6 must be an IPv6 prefix")));
    }

    @Test
    void ipv6NeedsATunnelMtuOfAtLeast1280() {
        ProxyConfig config = new ProxyConfig();
        config.setClientPool6(InetPrefix.parse("fd00:77::/64"));
        assertEquals(List.of(), config.validate());
        config.setMtu(1200);
        assertEquals(List.of("mtu must be at least 1280 with client-pool6 (IPv6's minimum link MTU), is 1200"),
                config.validate());
    }
}
