package dev.braid.core.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** Text forms of the typed values: parse tables, rejects, and toString parsing back. */
class ConfigValuesTest {

    @ParameterizedTest(name = "{0} -> {1} bytes")
    @CsvSource({
        "0, 0", "1500, 1500", "1500B, 1500", "64KiB, 65536", "1MiB, 1048576", "10MB, 10000000",
        "1kB, 1000", "1.5KiB, 1536", "2GiB, 2147483648", "1 MiB, 1048576", "64kib, 65536", "1TB, 1000000000000"})
    void parsesDataSizes(String text, long bytes) {
        DataSize size = DataSize.parse(text);

        assertEquals(bytes, size.bytes());
        assertEquals(size, DataSize.parse(size.toString()));
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "MiB", "-1", "1.3B", "10 apples", "1e3", "99999999999TiB"})
    void rejectsBadDataSizes(String text) {
        assertThrows(IllegalArgumentException.class, () -> DataSize.parse(text));
    }

    @Test
    void formatsDataSizeWithTheLargestExactUnit() {
        assertEquals("1500B", DataSize.ofBytes(1500).toString());
        assertEquals("64KiB", DataSize.ofBytes(65536).toString());
        assertEquals("10MB", DataSize.ofBytes(10_000_000).toString());
        assertEquals("0B", DataSize.ofBytes(0).toString());
    }

    @ParameterizedTest(name = "{0} -> {1} bit/s")
    @CsvSource({
        "0, 0", "8mbit, 8000000", "100Mbit/s, 100000000", "1gbit, 1000000000", "500kbit, 500000",
        "64bit, 64", "10mbps, 10000000", "1.5mbit, 1500000", "2Gbit/s, 2000000000"})
    void parsesDataRates(String text, long bitsPerSecond) {
        DataRate rate = DataRate.parse(text);

        assertEquals(bitsPerSecond, rate.bitsPerSecond());
        assertEquals(rate, DataRate.parse(rate.toString()));
    }

    @ParameterizedTest
    @ValueSource(strings = {"8", "8mb", "8MB/s", "fast", "-1mbit", "8 mbit/h"})
    void rejectsBadDataRates(String text) {
        assertThrows(IllegalArgumentException.class, () -> DataRate.parse(text));
    }

    @ParameterizedTest(name = "{0} -> {1} ms")
    @CsvSource({"0, 0", "250ms, 250", "30s, 30000", "5m, 300000", "1h, 3600000", "1d, 86400000", "1.5s, 1500"})
    void parsesDurations(String text, long millis) {
        Duration duration = Durations.parse(text);

        assertEquals(Duration.ofMillis(millis), duration);
        assertEquals(duration, Durations.parse(Durations.format(duration)));
    }

    @Test
    void parsesSubMillisecondDurations() {
        assertEquals(Duration.ofNanos(1500), Durations.parse("1500ns"));
        assertEquals("1500ns", Durations.format(Duration.ofNanos(1500)));
        assertEquals("90s", Durations.format(Duration.ofSeconds(90)));
        assertEquals("0s", Durations.format(Duration.ZERO));
    }

    @ParameterizedTest
    @ValueSource(strings = {"30", "1 week", "-5s", "s", "PT30S"})
    void rejectsBadDurations(String text) {
        assertThrows(IllegalArgumentException.class, () -> Durations.parse(text));
    }

    @ParameterizedTest
    @ValueSource(strings = {"10.77.0.0/16", "0.0.0.0/0", "192.168.1.1/32", "10.0.0.0/8", "172.16.0.0/12"})
    void parsesCidrs(String text) {
        assertEquals(text, IpPrefix.parse(text).toString());
    }

    @ParameterizedTest
    @ValueSource(strings = {"10.77.0.0", "10.77.0.0/", "10.77.0.0/33", "10.77.0.1/16", "10.77.0/16", "256.0.0.0/8",
        "a.b.c.d/8", "localhost/32", "::1/128", "10.77.0.0/-1", "10.77.0.0/16/1", "1.2.3.4.5/32"})
    void rejectsBadCidrs(String text) {
        assertThrows(IllegalArgumentException.class, () -> IpPrefix.parse(text));
    }

    @Test
    void cidrContainsItsAddresses() {
        IpPrefix prefix = IpPrefix.parse("10.77.0.0/16");

        assertTrue(prefix.contains(IpPrefix.parseAddress("10.77.255.1")));
        assertFalse(prefix.contains(IpPrefix.parseAddress("10.78.0.1")));
        assertTrue(IpPrefix.parse("0.0.0.0/0").contains(IpPrefix.parseAddress("8.8.8.8")));
        assertEquals(0xFFFF0000, prefix.maskBits());
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource({
        "proxy.example.org:51820, proxy.example.org, 51820",
        "10.0.0.1:0, 10.0.0.1, 0",
        "'[::1]:443', ::1, 443",
        "'[2001:db8::1]:65535', 2001:db8::1, 65535",
        "'[::]:7600', ::, 7600",
        "'[fe80::1%eth0]:7600', fe80::1%eth0, 7600",
        "'[::ffff:192.0.2.1]:7600', ::ffff:192.0.2.1, 7600"})
    void parsesHostPorts(String text, String host, int port) {
        HostPort hostPort = HostPort.parse(text);

        assertEquals(new HostPort(host, port), hostPort);
        assertEquals(text, hostPort.toString());
    }

    @ParameterizedTest
    @ValueSource(strings = {"host", ":80", "host:", "host:65536", "host:-1", "::1:80", "[::1]80", "[::1", "[host]:80",
        "host:8o", "[zz::1]:7600", "[1:2:3:4:5:6:7:8:9]:7600", "[fe80::1%]:7600", "[fe80::1%a b]:7600", "[::1]:",
        "[]:7600"})
    void rejectsBadHostPorts(String text) {
        assertThrows(IllegalArgumentException.class, () -> HostPort.parse(text));
    }

    @Test
    void hostPortNeverResolvesWhenParsing() {
        HostPort hostPort = HostPort.parse("name.invalid:80");

        assertTrue(hostPort.toUnresolvedAddress().isUnresolved());
    }

    @Test
    void suggestsCloseKeysOnly() {
        java.util.List<String> known = java.util.List.of("keepalive", "max-rate", "mtu", "interface");

        assertEquals("max-rate", KeySuggestion.closest("max_rate", known).orElseThrow());
        assertEquals("max-rate", KeySuggestion.closest("Max-Rate", known).orElseThrow());
        assertEquals("keepalive", KeySuggestion.closest("keepalvie", known).orElseThrow());
        assertEquals("interface", KeySuggestion.closest("interfce", known).orElseThrow());
        assertEquals("mtu", KeySuggestion.closest("mt", known).orElseThrow());
        assertTrue(KeySuggestion.closest("colour", known).isEmpty());
        assertTrue(KeySuggestion.closest("x", known).isEmpty());
    }
}
