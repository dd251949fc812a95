package dev.braid.snat;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Optional;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class DefaultRouteTest {

    /** Numbered cases of {@code ip -4 route show default} output ('|' stands for a newline). */
    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = ';', value = {
        "1 plain; default via 192.0.2.1 dev eth0; eth0",
        "2 dhcp with metric; default via 192.0.2.1 dev wlan0 proto dhcp src 192.0.2.9 metric 600; wlan0",
        "3 lowest metric wins; default via 192.0.2.1 dev wlan0 metric 600|default via 198.51.100.1 dev eth0 metric 100; eth0",
        "4 no metric counts as 0; default via 192.0.2.1 dev wlan0 metric 600|default via 198.51.100.1 dev eth1; eth1",
        "5 equal metrics: first listed; default via 192.0.2.1 dev a0 metric 5|default via 192.0.2.2 dev b0 metric 5; a0",
        "6 device route without gateway; default dev wg0 scope link; wg0",
        "7 multipath: first next hop; default proto static metric 100|\tnexthop via 192.0.2.1 dev eth0 weight 1|\tnexthop via 192.0.2.2 dev eth1 weight 1; eth0",
        "8 unreachable default is ignored; unreachable default metric 4278198272|default via 192.0.2.1 dev eth2 metric 9; eth2",
        "9 empty output; '' ; ''",
        "10 only unreachable; unreachable default metric 4278198272; ''",
    })
    void findsTheEgressInterface(String name, String output, String expected) {
        Optional<String> want = expected == null || expected.isEmpty() ? Optional.empty() : Optional.of(expected);
        assertEquals(want, DefaultRoute.egressInterface(output == null ? "" : output.replace("|", "\n")));
    }
}
