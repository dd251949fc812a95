package dev.braid.core.client;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.braid.core.config.InetPrefix;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class TunnelRoutesTest {
    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource(delimiter = '|', value = {
        // a full IPv4 tunnel without IPv6 routes takes all of IPv6 too, so none leaks beside it
        "0.0.0.0/0|0.0.0.0/0 ::/1 8000::/1",
        "0.0.0.0/1 128.0.0.0/1|0.0.0.0/1 128.0.0.0/1 ::/1 8000::/1",
        // IPv6 routes of its own: the operator chose
        "0.0.0.0/0 ::/0|0.0.0.0/0 ::/0",
        "0.0.0.0/0 fd00:99::/64|0.0.0.0/0 fd00:99::/64",
        // a split tunnel leaves the rest of both families alone
        "10.201.2.0/24|10.201.2.0/24",
        "0.0.0.0/1|0.0.0.0/1",
        "fd00:99::/64|fd00:99::/64"})
    void routesOnTheTun(String configured, String installed) {
        assertEquals(parse(installed), TunnelRoutes.of(parse(configured)));
    }

    private static List<InetPrefix> parse(String routes) {
        return Arrays.stream(routes.split(" ")).map(InetPrefix::parse).toList();
    }
}
