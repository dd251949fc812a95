package dev.braid.core.net;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Checks that need no root: a missing ip binary and route arguments. */
class InterfaceConfiguratorTest {

    @Test
    void missingIpBinaryGivesAClearError() {
        InterfaceConfigurator config = new InterfaceConfigurator(new NetCommand("/nonexistent/sbin/ip"));

        NetConfigException e = assertThrows(NetConfigException.class, () -> config.setUp("braid0"));

        assertEquals("/nonexistent/sbin/ip link set dev braid0 up", e.command());
        assertTrue(e.getMessage().contains("install iproute2"), e.getMessage());
    }

    @Test
    void failingNetCommandIsNamedWithItsMessage() {
        NetCommand ip = new NetCommand("false"); // exits 1 without output: stands in for a failing ip

        NetConfigException e = assertThrows(NetConfigException.class, () -> ip.run("route", "add", "x"));

        assertEquals("false route add x", e.command());
        assertEquals("`false route add x` failed: exit code 1", e.getMessage());
    }

    @Test
    void routeArgumentsIncludeTableAndMetricWhenSet() {
        assertEquals(List.of("10.8.0.0/24", "dev", "braid0"), Route.of("10.8.0.0/24", "braid0").ipArguments());
        assertEquals(List.of("default", "dev", "braid0", "table", "100", "metric", "5"),
                Route.of("default", "braid0").inTable(100).withMetric(5).ipArguments());
        assertEquals("fd00::/64 dev braid0", Route.of("fd00::/64", "braid0").toString());
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "10.8.0.0/24; rm -rf /", "example.com", "10.8.0/24"})
    void malformedDestinationsAreRejected(String destination) {
        assertThrows(IllegalArgumentException.class, () -> Route.of(destination, "braid0"));
    }

    @Test
    void tableAndMetricMustBeInRange() {
        assertThrows(IllegalArgumentException.class, () -> Route.of("default", "braid0").inTable(0));
        assertThrows(IllegalArgumentException.class, () -> Route.of("default", "braid0").withMetric(-1));
    }
}
