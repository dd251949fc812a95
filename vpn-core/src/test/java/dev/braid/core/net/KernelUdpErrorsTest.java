package dev.braid.core.net;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** The kernel's UDP loss counters, from the text of /proc/net/snmp and /proc/net/snmp6. */
class KernelUdpErrorsTest {

    static final String SNMP = """
            Ip: Forwarding DefaultTTL InReceives
            Ip: 1 64 41673
            Udp: InDatagrams NoPorts InErrors OutDatagrams RcvbufErrors SndbufErrors InCsumErrors IgnoredMulti MemErrors
            Udp: 157243 0 0 41673 12 115570 0 0 0
            UdpLite: InDatagrams NoPorts InErrors OutDatagrams RcvbufErrors SndbufErrors InCsumErrors IgnoredMulti MemErrors
            UdpLite: 0 0 0 0 99 99 0 0 0
            """;
    static final String SNMP6 = """
            Udp6InDatagrams                 	40
            Udp6RcvbufErrors                	3
            Udp6SndbufErrors                	7
            UdpLite6RcvbufErrors            	99
            """;

    @Test
    void ipv4AndIpv6CountsAreSummedByColumnName() {
        assertEquals(new KernelUdpErrors(15, 115_577), KernelUdpErrors.parse(SNMP, SNMP6));
        assertEquals(new KernelUdpErrors(12, 115_570), KernelUdpErrors.parse(SNMP, ""));
    }

    @Test
    void missingOrGarbledFilesCountAsZero() {
        assertEquals(KernelUdpErrors.NONE, KernelUdpErrors.parse("", ""));
        assertEquals(KernelUdpErrors.NONE, KernelUdpErrors.parse("Udp: RcvbufErrors\nUdp: x\n", "Udp6SndbufErrors\n"));
        assertTrue(KernelUdpErrors.read().receiveBuffer() >= 0, "this machine's own files parse (or are absent)");
    }

    @Test
    void growthIsSinceTheEarlierSampleAndAResetCountsFromZero() {
        KernelUdpErrors before = new KernelUdpErrors(5, 100);
        assertEquals(new KernelUdpErrors(0, 20), new KernelUdpErrors(5, 120).since(before));
        assertEquals(new KernelUdpErrors(2, 3), new KernelUdpErrors(2, 3).since(before), "counters went back");
        assertTrue(before.since(before).isZero());
    }
}
