package dev.braid.multilink.protocol;

import static dev.braid.multilink.protocol.InnerPackets.TCP;
import static dev.braid.multilink.protocol.InnerPackets.UDP;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

/** Rules first in order, then DSCP, then small slow UDP with evidence and hysteresis, in virtual time. */
class FlowClassifierTest {
    private static final long MS = 1_000_000L;
    /** 64 kbit/s, a voice call's rate. */
    private static final double VOICE_RATE = 8_000;
    private static final double VOICE_SIZE = 188;
    /** Just under the default 1 Mbit/s. */
    private static final double LOW_RATE = 124_000;

    private final InnerPacketParser<byte[]> parser = new InnerPacketParser<>(PacketBytes.BYTE_ARRAY, 0);

    private PacketFacts udp(int srcPort, int dstPort, int dscp) {
        return packet(UDP, "10.0.0.2", srcPort, "10.0.0.1", dstPort, dscp);
    }

    private PacketFacts packet(int protocol, String src, int srcPort, String dst, int dstPort, int dscp) {
        return parser.parse(InnerPackets.ipv4(protocol, src, srcPort, dst, dstPort, dscp, 20), new PacketFacts());
    }

    private static FlowClassifier classifier(FlowSettings settings) {
        return new FlowClassifier(settings, 4);
    }

    private static FlowRule rule(int protocol, List<PortRange> ports, long dscpMask, List<InnerPrefix> addresses,
                                 FlowClass flowClass) {
        return new FlowRule(protocol, ports, dscpMask, addresses, flowClass);
    }

    @Test
    void theFirstMatchingRuleWins() {
        FlowSettings settings = FlowSettings.builder().rules(List.of(
                rule(UDP, List.of(PortRange.parse("5004")), 0, List.of(), FlowClass.BULK),
                rule(UDP, List.of(), 0, List.of(), FlowClass.REALTIME))).build();
        FlowClassifier c = classifier(settings);
        // rules need no evidence and ignore size and rate
        assertFalse(c.classify(0, 0, udp(40000, 5004, 0), 1, 10_000_000, 1400));
        assertTrue(c.classify(1, 0, udp(40000, 6000, Dscp.EF), 1, 10_000_000, 1400));
        assertFalse(c.classify(2, 0, packet(TCP, "10.0.0.2", 1, "10.0.0.1", 2, 0), 1, 0, 40));
    }

    @Test
    void portRulesMatchEitherSide() {
        FlowClassifier c = classifier(FlowSettings.builder().rules(List.of(
                rule(FlowRule.ANY_PROTOCOL, List.of(PortRange.parse("10000-20000")), 0, List.of(), FlowClass.REALTIME)))
                .build());
        assertTrue(c.classify(0, 0, udp(15000, 80, 0), 1, 1e9, 1400));
        assertTrue(c.classify(1, 0, udp(80, 10000, 0), 1, 1e9, 1400));
        assertFalse(c.classify(2, 0, udp(80, 20001, 0), 1, 1e9, 1400));
    }

    @Test
    void dscpAndAddressRules() {
        FlowClassifier c = classifier(FlowSettings.builder().rules(List.of(
                rule(FlowRule.ANY_PROTOCOL, List.of(), Dscp.bit(Dscp.EF), List.of(), FlowClass.BULK),
                rule(FlowRule.ANY_PROTOCOL, List.of(), 0, List.of(InnerPrefix.parse("192.168.7.0/24"),
                        InnerPrefix.parse("2001:db8:7::/48")), FlowClass.REALTIME)))
                .build());
        assertFalse(c.classify(0, 0, udp(1, 2, Dscp.EF), 1, 0, 100), "the EF rule beats automatic EF");
        assertTrue(c.classify(1, 0, packet(TCP, "10.0.0.2", 1, "192.168.7.9", 443, 0), 1, 1e9, 1400));
        PacketFacts v6 = parser.parse(InnerPackets.ipv6(TCP, "2001:db8:7:1::5", "2001:db8:99::1", 0,
                InnerPackets.ports(1, 2, 0)), new PacketFacts());
        assertTrue(c.classify(2, 0, v6, 1, 1e9, 1400));
        assertFalse(c.classify(3, 0, packet(TCP, "10.0.0.2", 1, "192.168.8.9", 443, 0), 1, 1e9, 1400));
    }

    @Test
    void rulesAreCheckedAgainWhenTheDscpChanges() {
        FlowClassifier c = classifier(FlowSettings.builder().classifyMode(ClassifyMode.RULES_ONLY).rules(List.of(
                rule(FlowRule.ANY_PROTOCOL, List.of(), Dscp.bit(Dscp.CS5), List.of(), FlowClass.REALTIME))).build());
        assertFalse(c.classify(0, 0, udp(1, 2, 0), 1, 0, 100));
        assertTrue(c.classify(0, MS, udp(1, 2, Dscp.CS5), 2, 0, 100));
        assertFalse(c.classify(0, 2 * MS, udp(1, 2, 0), 3, 0, 100));
    }

    @ParameterizedTest
    @ValueSource(ints = {46, 34, 36, 38, 32, 40})
    void realtimeMarksAreRealtimeFromTheFirstPacketWhateverTheRate(int dscp) {
        FlowClassifier c = classifier(FlowSettings.defaults());
        assertTrue(c.classify(0, 0, udp(1, 2, dscp), 1, 0, 100));
        assertTrue(c.classify(1, 0, packet(TCP, "10.0.0.2", 1, "10.0.0.1", 2, dscp), 1, 10e6, 1400));
    }

    @ParameterizedTest
    @ValueSource(ints = {0, 8, 10, 26, 48, 44})
    void otherMarksAreNot(int dscp) {
        FlowClassifier c = classifier(FlowSettings.defaults());
        assertFalse(c.classify(0, 0, packet(TCP, "10.0.0.2", 1, "10.0.0.1", 2, dscp), 1, 0, 100));
    }

    @Test
    void smallUdpIsRealtimeFromTheFirstPacketAndItsRateCountsFromTheFifth() {
        FlowClassifier c = classifier(FlowSettings.defaults());
        PacketFacts voice = udp(5004, 5004, 0);
        for (int packet = 1; packet <= 4; packet++) {
            assertTrue(c.classify(0, packet * 20 * MS, voice, packet, 100 * LOW_RATE, VOICE_SIZE),
                    "packet " + packet + ": a rate read from so few packets does not count");
        }
        assertFalse(c.classify(0, 100 * MS, voice, 5, 100 * LOW_RATE, VOICE_SIZE), "the fifth: it is fast, bulk");
        FlowClassifier fresh = classifier(FlowSettings.defaults());
        assertFalse(fresh.classify(0, 0, udp(1, 2, 0), 1, 0, 1400), "a large first packet is bulk");
    }

    @Test
    void theThresholdsAreInclusiveAndConfigurable() {
        FlowClassifier defaults = classifier(FlowSettings.defaults());
        assertTrue(defaults.classify(0, 0, udp(1, 2, 0), 5, 125_000, 300));
        assertFalse(defaults.classify(1, 0, udp(1, 2, 0), 5, 125_001, 300));
        assertFalse(defaults.classify(2, 0, udp(1, 2, 0), 5, 125_000, 301));
        FlowClassifier wider = classifier(FlowSettings.builder().smallPacketBytes(1200).lowRateBitsPerSecond(4_000_000)
                .minPackets(2).build());
        assertTrue(wider.classify(0, 0, udp(1, 2, 0), 2, 500_000, 1200));
        assertFalse(wider.classify(1, 0, udp(1, 2, 0), 2, 500_001, 1200));
    }

    @Test
    void tcpIsNeverRealtimeBySizeAndRate() {
        FlowClassifier c = classifier(FlowSettings.defaults());
        assertFalse(c.classify(0, 0, packet(TCP, "10.0.0.2", 22, "10.0.0.1", 50000, 0), 100, 2_000, 80));
    }

    @Test
    void aGrowingFlowMovesToBulkOnlyAboveOneAndAHalfTimesTheRate() {
        FlowClassifier c = classifier(FlowSettings.defaults());
        PacketFacts flow = udp(1, 2, 0);
        assertTrue(c.classify(0, 0, flow, 5, LOW_RATE, VOICE_SIZE));
        assertTrue(c.classify(0, MS, flow, 6, 1.4 * 125_000, VOICE_SIZE), "between 1x and 1.5x: stays");
        assertFalse(c.classify(0, 2 * MS, flow, 7, 1.6 * 125_000, VOICE_SIZE));
    }

    @Test
    void largerPacketsMoveAFlowToBulk() {
        FlowClassifier c = classifier(FlowSettings.defaults());
        PacketFacts flow = udp(1, 2, 0);
        assertTrue(c.classify(0, 0, flow, 5, VOICE_RATE, 300));
        assertFalse(c.classify(0, MS, flow, 6, VOICE_RATE, 301));
    }

    @Test
    void aDemotedFlowReturnsOnlyAfterTwoSecondsBelowTheThresholds() {
        FlowClassifier c = classifier(FlowSettings.defaults());
        PacketFacts flow = udp(1, 2, 0);
        assertTrue(c.classify(0, 0, flow, 5, VOICE_RATE, VOICE_SIZE));
        assertFalse(c.classify(0, 100 * MS, flow, 6, 500_000, 1200));
        long t = 200 * MS;
        assertFalse(c.classify(0, t, flow, 7, VOICE_RATE, VOICE_SIZE), "below from here");
        assertFalse(c.classify(0, t + 1999 * MS, flow, 8, VOICE_RATE, VOICE_SIZE));
        // above once more: the hold-down starts again
        assertFalse(c.classify(0, t + 1999 * MS, flow, 9, LOW_RATE * 1.1, VOICE_SIZE));
        assertFalse(c.classify(0, t + 2000 * MS, flow, 10, VOICE_RATE, VOICE_SIZE));
        assertFalse(c.classify(0, t + 3999 * MS, flow, 11, VOICE_RATE, VOICE_SIZE));
        assertTrue(c.classify(0, t + 4000 * MS, flow, 12, VOICE_RATE, VOICE_SIZE));
        assertTrue(c.realtime(0));
    }

    @Test
    void theHoldDownIsConfigurable() {
        FlowClassifier c = classifier(FlowSettings.builder().holdDownNanos(0).build());
        PacketFacts flow = udp(1, 2, 0);
        assertTrue(c.classify(0, 0, flow, 5, VOICE_RATE, VOICE_SIZE));
        assertFalse(c.classify(0, MS, flow, 6, 1e6, VOICE_SIZE));
        assertTrue(c.classify(0, 2 * MS, flow, 7, VOICE_RATE, VOICE_SIZE));
    }

    @Test
    void rulesOnlyIgnoresMarksAndSizes() {
        FlowClassifier c = classifier(FlowSettings.builder().classifyMode(ClassifyMode.RULES_ONLY).rules(List.of(
                rule(TCP, List.of(), 0, List.of(), FlowClass.REALTIME))).build());
        assertFalse(c.classify(0, 0, udp(1, 2, Dscp.EF), 5, VOICE_RATE, VOICE_SIZE));
        assertTrue(c.classify(1, 0, packet(TCP, "10.0.0.2", 1, "10.0.0.1", 2, 0), 1, 1e9, 1400));
    }

    @Test
    void offMakesEveryFlowBulk() {
        FlowClassifier c = classifier(FlowSettings.builder().classifyMode(ClassifyMode.OFF).rules(List.of(
                rule(FlowRule.ANY_PROTOCOL, List.of(), 0, List.of(), FlowClass.REALTIME))).build());
        assertFalse(c.classify(0, 0, udp(1, 2, Dscp.EF), 5, VOICE_RATE, VOICE_SIZE));
        assertFalse(c.realtime(0));
    }

    @Test
    void resetForgetsTheClassTheRuleAndTheDemotion() {
        FlowClassifier c = classifier(FlowSettings.defaults());
        PacketFacts flow = udp(1, 2, 0);
        c.classify(0, 0, flow, 5, VOICE_RATE, VOICE_SIZE);
        c.classify(0, MS, flow, 6, 1e6, 1400);
        c.reset(0);
        assertFalse(c.realtime(0));
        assertTrue(c.classify(0, 2 * MS, flow, 1, VOICE_RATE, VOICE_SIZE), "no hold-down: it is a new flow");
    }

    @Test
    void malformedPacketsMatchOnlyACatchAllRule() {
        PacketFacts malformed = parser.parse(new byte[3], new PacketFacts());
        FlowRule udpRule = rule(UDP, List.of(), 0, List.of(), FlowClass.REALTIME);
        FlowRule any = rule(FlowRule.ANY_PROTOCOL, List.of(), 0, List.of(), FlowClass.REALTIME);
        assertFalse(udpRule.matches(malformed));
        assertTrue(any.matches(malformed));
        assertEquals(0, malformed.ipVersion());
    }
}
