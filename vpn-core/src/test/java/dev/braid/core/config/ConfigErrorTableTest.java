package dev.braid.core.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** One bad file per row; each must give exactly the one error shown, with its line and key path. */
class ConfigErrorTableTest {
    private static final String SAMPLE_KEYS = "backoff, cipher, enabled, keepalive, limits, links, listen, "
            + "max-packets, max-rate, min-rate, mtu, name, password, port, ports, routes, subnet, tags, weight";

    static Stream<Arguments> cases() {
        return Stream.of(
                row(1, "unknown key", "sample:\n  name: x\n  colour: red\n",
                        "t.yaml:3: sample.colour: unknown key 'colour' (known: " + SAMPLE_KEYS + ")"),
                row(2, "unknown key with suggestion", "sample:\n  max_rate: 1mbit\n",
                        "t.yaml:2: sample.max_rate: unknown key 'max_rate' (did you mean 'max-rate'?)"),
                row(3, "unknown key, misspelt", "sample:\n  keepalvie: 1s\n",
                        "t.yaml:2: sample.keepalvie: unknown key 'keepalvie' (did you mean 'keepalive'?)"),
                row(4, "duration without unit", "sample:\n\n  keepalive: 30\n",
                        "t.yaml:3: sample.keepalive: invalid duration '30': missing unit (expected e.g. 250ms, 30s, 5m, 1h)"),
                row(5, "rate with a byte unit", "sample:\n  max-rate: 8mb\n",
                        "t.yaml:2: sample.max-rate: invalid data rate '8mb': unknown unit 'mb' "
                                + "(expected e.g. 500kbit, 8mbit, 100Mbit/s, 1gbit)"),
                row(6, "CIDR with host bits", "sample:\n  subnet: 10.77.0.1/16\n",
                        "t.yaml:2: sample.subnet: host bits set in 10.77.0.1/16 (did you mean 10.77.0.0/16?)"),
                row(7, "CIDR with a bad octet", "sample:\n  subnet: 10.777.0.0/16\n",
                        "t.yaml:2: sample.subnet: invalid IPv4 address in '10.777.0.0/16': bad octet '777'"),
                row(8, "CIDR prefix too long", "sample:\n  routes: [10.0.0.0/33]\n",
                        "t.yaml:2: sample.routes[0]: invalid CIDR '10.0.0.0/33': prefix length must be 0..32"),
                row(9, "bad enum lists allowed values", "sample:\n  cipher: rot13\n",
                        "t.yaml:2: sample.cipher: invalid value 'rot13' (allowed: aes-256-gcm, chacha20-poly1305, none)"),
                row(10, "negative where @ConfigMin(1)", "sample:\n  port: -1\n",
                        "t.yaml:2: sample.port: must be at least 1, got -1"),
                row(11, "above @ConfigMax", "sample:\n  port: 65536\n",
                        "t.yaml:2: sample.port: must be at most 65535, got 65536"),
                row(12, "data size below @ConfigMin", "sample:\n  mtu: 100\n",
                        "t.yaml:2: sample.mtu: must be at least 576B, got 100B"),
                row(13, "missing required key in a list item", "sample:\n  links:\n    - name: a\n",
                        "t.yaml:3: sample.links[0].interface: missing required key"),
                row(14, "scalar where a list is expected", "sample:\n  tags: a\n",
                        "t.yaml:2: sample.tags: expected a list, got the value 'a'"),
                row(15, "list where a scalar is expected", "sample:\n  port: [1, 2]\n",
                        "t.yaml:2: sample.port: expected a single value, got a list"),
                row(16, "nested list item error has the index path",
                        "sample:\n  links:\n    - name: a\n      interface: x\n    - name: b\n      interface: y\n"
                                + "      proxy: nohost\n",
                        "t.yaml:7: sample.links[1].proxy: invalid host:port 'nohost': missing ':port'"),
                row(17, "duplicate key", "sample:\n  port: 1\n  port: 2\n",
                        "t.yaml:3: sample.port: duplicate key (first at line 2)"),
                row(18, "duplicate section", "sample: {}\nsample: {}\n",
                        "t.yaml:2: sample: duplicate section (first at line 1)"),
                row(19, "unknown section", "proxy:\n  x: 1\n",
                        "t.yaml:1: proxy: unknown section 'proxy' (known: links, other, sample)"),
                row(20, "missing value", "sample:\n  name:\n",
                        "t.yaml:2: sample.name: missing value (write \"\" for an empty string)"),
                row(21, "not a boolean", "sample:\n  enabled: yes\n",
                        "t.yaml:2: sample.enabled: expected true or false, got 'yes'"),
                row(22, "int too large", "sample:\n  port: 99999999999\n",
                        "t.yaml:2: sample.port: expected an integer, got '99999999999'"),
                row(23, "scalar where a nested object is expected", "sample:\n  limits: 5\n",
                        "t.yaml:2: sample.limits: expected a mapping of keys, got the value '5'"),
                row(24, "@ConfigMin on a list element", "sample:\n  ports: [80, 0]\n",
                        "t.yaml:2: sample.ports[1]: must be at least 1, got 0"),
                row(25, "validate() of the config class", "sample:\n  min-rate: 200mbit\n",
                        "t.yaml:2: sample: min-rate (200mbit) must not exceed max-rate (100mbit)"),
                row(26, "unknown key in a top-level list section", "links:\n  - name: a\n    interface: b\n    weight: 1\n",
                        "t.yaml:4: links[0].weight: unknown key 'weight' (known: interface, name, proxy)"),
                row(27, "required key of a present section", "other:\n  {}\n",
                        "t.yaml:2: other.server: missing required key"),
                row(28, "top level is not a mapping", "- sample\n",
                        "t.yaml:1: expected top-level sections (links, other, sample), got a list"),
                row(29, "IPv6 literal without brackets", "sample:\n  listen: ::1:80\n",
                        "t.yaml:2: sample.listen: invalid host:port '::1:80': put IPv6 literals in brackets, e.g. [::1]:51820"),
                row(30, "YAML syntax error is one error with its line", "sample:\n  name: x\n port: 1\n",
                        "t.yaml:3: YAML syntax error: expected <block end>, but found '<block mapping start>' "
                                + "(while parsing a block mapping at line 1)"),
                row(31, "YAML syntax error: unclosed flow list", "sample:\n  tags: [a, b\n  port: 1\n",
                        "t.yaml:3: YAML syntax error: expected ',' or ']', but got : "
                                + "(while parsing a flow sequence at line 2)"));
    }

    @ParameterizedTest(name = "{0}: {1}")
    @MethodSource("cases")
    void reportsExactlyOneErrorWithItsLine(int number, String what, String yaml, String expected) {
        ConfigException e = assertThrows(ConfigException.class, () -> ConfigLoaderTest.loader().load("t.yaml", yaml));

        assertEquals(List.of(expected), e.errors().stream().map(ConfigError::toString).collect(Collectors.toList()));
    }

    private static Arguments row(int number, String what, String yaml, String expected) {
        return Arguments.of(number, what, yaml, expected);
    }
}
