package dev.braid.core.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

class InetPrefixTest {
    @ParameterizedTest
    @ValueSource(strings = {"10.77.0.0/16", "0.0.0.0/0", "fd00:77::/64", "::/0", "::/1", "8000::/1", "2001:db8::1/128",
        "fd00:77::1200/120"})
    void printsWhatItParsed(String text) {
        assertEquals(text, InetPrefix.parse(text).toString());
    }

    @Test
    void writesIpv6InRfc5952Form() {
        assertEquals("fd00:77::/64", InetPrefix.parse("FD00:0077:0:0:0:0:0:0/64").toString());
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "fd00:77::1/64|host bits set in fd00:77::1/64 (did you mean fd00:77::/64?)",
        "fd00:77::/129|prefix length must be 0..128",
        "fd00::77::/64|invalid IPv6 address",
        "fd00:example::/64|invalid IPv6 address",
        "::ffff:10.0.0.0/104|IPv4-mapped",
        "fd00:77::|expected e.g. 10.77.0.0/16 or fd00:77::/64",
        "10.77.0.1/16|host bits set"})
    void refusesWithAClearReason(String text, String reason) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> InetPrefix.parse(text));
        assertTrue(e.getMessage().contains(reason), e.getMessage());
    }

    @Test
    void containsAndOverlapsStayWithinOneFamily() {
        InetPrefix pool = InetPrefix.parse("fd00:77::/64");
        assertTrue(pool.isIpv6());
        assertTrue(pool.contains(InetPrefix.parse("fd00:77::5/128").address()));
        assertFalse(pool.contains(InetPrefix.parse("fd00:78::/64").address()));
        assertTrue(InetPrefix.parse("fc00::/7").overlaps(pool));
        assertTrue(pool.overlaps(InetPrefix.parse("fc00::/7")));
        assertFalse(pool.overlaps(InetPrefix.parse("0.0.0.0/0")));
        assertFalse(InetPrefix.parse("10.0.0.0/8").contains(pool.address()));
    }
}
