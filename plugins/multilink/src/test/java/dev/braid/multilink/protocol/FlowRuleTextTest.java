package dev.braid.multilink.protocol;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** The text forms of rule criteria: prefixes, port ranges, DSCP names and protocol names. */
class FlowRuleTextTest {

    @Test
    void ipv4Prefixes() {
        InnerPrefix p = InnerPrefix.parse("10.1.0.0/16");
        assertTrue(p.contains(4, 0, 0x0A01FFFFL));
        assertFalse(p.contains(4, 0, 0x0A020000L));
        assertFalse(p.contains(6, 0, 0x0A010000L), "IPv4 prefixes match IPv4 packets only");
        assertTrue(InnerPrefix.parse("0.0.0.0/0").contains(4, 0, 0xFFFFFFFFL));
        assertEquals(new InnerPrefix(4, 0, 0x0A000001L, 32), InnerPrefix.parse("10.0.0.1"));
        assertEquals("10.1.0.0/16", p.toString());
    }

    @Test
    void ipv6PrefixesOnBothSidesOfTheMiddle() {
        InnerPrefix p48 = InnerPrefix.parse("2001:db8:7::/48");
        assertTrue(p48.contains(6, 0x20010DB80007FFFFL, -1L));
        assertFalse(p48.contains(6, 0x20010DB80008FFFFL, 0));
        InnerPrefix p96 = InnerPrefix.parse("2001:db8::a:0:0/96");
        assertTrue(p96.contains(6, 0x20010DB800000000L, 0x0000000A12345678L));
        assertFalse(p96.contains(6, 0x20010DB800000000L, 0x0000000B00000000L));
        assertTrue(InnerPrefix.parse("::/0").contains(6, 1, 2));
        assertEquals(new InnerPrefix(6, 0, 1, 128), InnerPrefix.parse("::1"));
        assertEquals(new InnerPrefix(6, 0, 0x0000FFFF0A000001L, 128), InnerPrefix.parse("::ffff:10.0.0.1"));
        assertEquals("2001:db8:7::/48", p48.toString());
    }

    @Test
    void badPrefixesSayWhatWouldDo() {
        assertEquals("host bits set in '10.1.2.3/16' (did you mean 10.1.0.0/16?)",
                assertThrows(IllegalArgumentException.class, () -> InnerPrefix.parse("10.1.2.3/16")).getMessage());
        assertEquals("host bits set in '2001:db8::1/32' (did you mean 2001:db8::/32?)",
                assertThrows(IllegalArgumentException.class, () -> InnerPrefix.parse("2001:db8::1/32")).getMessage());
        assertThrows(IllegalArgumentException.class, () -> InnerPrefix.parse("10.0.0.0/33"));
        assertThrows(IllegalArgumentException.class, () -> InnerPrefix.parse("10.0.0/8"));
        assertThrows(IllegalArgumentException.class, () -> InnerPrefix.parse("localhost/8"));
        assertThrows(IllegalArgumentException.class, () -> InnerPrefix.parse("2001:db8::g/32"));
        assertThrows(IllegalArgumentException.class, () -> new InnerPrefix(4, 0, 0x0A000001L, 8));
    }

    @Test
    void portRanges() {
        assertEquals(new PortRange(5060, 5060), PortRange.parse("5060"));
        assertEquals(new PortRange(10000, 20000), PortRange.parse(" 10000 - 20000 "));
        assertTrue(PortRange.parse("0-65535").contains(65535));
        assertThrows(IllegalArgumentException.class, () -> PortRange.parse("65536"));
        assertThrows(IllegalArgumentException.class, () -> PortRange.parse("sip"));
        assertThrows(IllegalArgumentException.class, () -> PortRange.parse("20-10"));
    }

    @Test
    void dscpNamesAreRfc4594s() {
        assertEquals(46, Dscp.parse("EF"));
        assertEquals(34, Dscp.parse("af41"));
        assertEquals(38, Dscp.parse("af43"));
        assertEquals(10, Dscp.parse("af11"));
        assertEquals(40, Dscp.parse("cs5"));
        assertEquals(44, Dscp.parse("va"));
        assertEquals(0, Dscp.parse("df"));
        assertEquals(63, Dscp.parse("63"));
        assertThrows(IllegalArgumentException.class, () -> Dscp.parse("64"));
        assertThrows(IllegalArgumentException.class, () -> Dscp.parse("af44"));
    }

    @Test
    void protocolsByNameOrNumber() {
        assertEquals(17, FlowRule.parseProtocol("UDP"));
        assertEquals(58, FlowRule.parseProtocol("icmpv6"));
        assertEquals(136, FlowRule.parseProtocol("udplite"));
        assertEquals(255, FlowRule.parseProtocol("255"));
        assertThrows(IllegalArgumentException.class, () -> FlowRule.parseProtocol("256"));
        assertThrows(IllegalArgumentException.class, () -> FlowRule.parseProtocol("quic"));
    }
}
