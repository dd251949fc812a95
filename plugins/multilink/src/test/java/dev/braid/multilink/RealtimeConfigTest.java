package dev.braid.multilink;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.braid.core.config.ConfigError;
import dev.braid.core.config.ConfigException;
import dev.braid.core.config.ConfigLoader;
import dev.braid.core.config.EffectiveConfig;
import dev.braid.multilink.protocol.ClassifyMode;
import dev.braid.multilink.protocol.Dscp;
import dev.braid.multilink.protocol.FlowClass;
import dev.braid.multilink.protocol.FlowRule;
import dev.braid.multilink.protocol.FlowSettings;
import dev.braid.multilink.protocol.InnerPrefix;
import dev.braid.multilink.protocol.MultilinkSettings;
import dev.braid.multilink.protocol.PortRange;
import dev.braid.multilink.protocol.QueueSettings;
import dev.braid.multilink.protocol.RealtimeSettings;
import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** The multilink.realtime: subsection reaches FlowSettings; each bad value is an error at its file line. */
class RealtimeConfigTest {

    private static FlowSettings load(String realtimeYaml) {
        return new ConfigLoader().register("multilink", MultilinkConfig.class)
                .load("client.yaml", "multilink:\n  realtime:\n" + realtimeYaml)
                .section("multilink", MultilinkConfig.class)
                .toSettings()
                .flows();
    }

    /** The errors as {@code FILE:LINE: path: message}, line 1 being {@code multilink:}. */
    private static List<String> errors(String realtimeYaml) {
        ConfigException e = assertThrows(ConfigException.class, () -> load(realtimeYaml));
        return e.errors().stream().map(ConfigError::toString).collect(Collectors.toList());
    }

    @Test
    void withoutTheSubsectionTheDefaultsApply() {
        FlowSettings flows = new ConfigLoader().register("multilink", MultilinkConfig.class)
                .load("client.yaml", "multilink:\n  scheduler: proportional\n")
                .section("multilink", MultilinkConfig.class).toSettings().flows();
        assertEquals(FlowSettings.defaults(), flows);
        assertEquals(FlowSettings.defaults(), new MultilinkConfig().toSettings().flows());
    }

    @Test
    void redundancyAndTheQueueDisciplineReachTheSettings() {
        MultilinkSettings settings = new ConfigLoader().register("multilink", MultilinkConfig.class)
                .load("client.yaml", "multilink:\n  queue-discipline: fifo\n  queue-target: 8ms\n"
                        + "  realtime:\n    redundancy: always\n    redundancy-ratio: 0.5\n")
                .section("multilink", MultilinkConfig.class).toSettings();
        assertEquals(RealtimeSettings.Redundancy.ALWAYS, settings.realtime().redundancy());
        assertEquals(0.5, settings.queue().redundancyRatio());
        assertEquals(false, settings.queue().aqm());
        assertEquals(8_000_000L, settings.queue().targetNanos());
        MultilinkSettings product = new MultilinkConfig().toSettings();
        assertEquals(true, product.queue().aqm(), "the product serves its queue by FQ-CoDel");
        assertEquals(QueueSettings.TARGET_FROM_RTT, product.queue().targetNanos(), "with the target from the RTT");
        assertEquals(40_000_000L, product.queue().targetNanosFor(100_000_000L));
        assertEquals(80_000_000L, product.queue().targetNanosFor(200_000_000L));
        assertEquals(RealtimeSettings.Redundancy.ON_LOSS, product.realtime().redundancy());
    }

    @Test
    void aBadRedundancyIsAnErrorAtItsLine() {
        List<String> e = errors("    redundancy: sometimes\n");
        assertEquals(1, e.size(), e.toString());
        assertTrue(e.get(0).startsWith("client.yaml:3:") && e.get(0).contains("on-loss"), e.toString());
    }

    @Test
    void everyKeyIsParsed() {
        FlowSettings flows = load("""
                    classify: rules-only
                    small-packet-bytes: 400
                    low-rate: 2Mbit
                    grow-factor: 2.5
                    hold-down: 3s
                    min-packets: 8
                    max-flows: 4096
                    flow-idle: 1m
                    rules:
                      - protocol: udp
                        ports: [5060, 10000-20000]
                        class: realtime
                      - dscp: [ef, 34, cs5]
                        addresses: [10.1.0.0/16, 2001:db8::/32]
                        class: bulk
                      - protocol: 47
                        class: realtime
                """);
        assertEquals(ClassifyMode.RULES_ONLY, flows.classifyMode());
        assertEquals(400, flows.smallPacketBytes());
        assertEquals(2_000_000, flows.lowRateBitsPerSecond());
        assertEquals(2.5, flows.growFactor());
        assertEquals(3_000_000_000L, flows.holdDownNanos());
        assertEquals(8, flows.minPackets());
        assertEquals(4096, flows.maxFlows());
        assertEquals(60_000_000_000L, flows.flowIdleNanos());
        assertEquals(List.of(
                new FlowRule(17, List.of(new PortRange(5060, 5060), new PortRange(10000, 20000)), 0, List.of(),
                        FlowClass.REALTIME),
                new FlowRule(FlowRule.ANY_PROTOCOL, List.of(), Dscp.bit(46) | Dscp.bit(34) | Dscp.bit(40),
                        List.of(InnerPrefix.parse("10.1.0.0/16"), InnerPrefix.parse("2001:db8::/32")), FlowClass.BULK),
                new FlowRule(47, List.of(), 0, List.of(), FlowClass.REALTIME)),
                flows.rules());
    }

    @Test
    void classifyOff() {
        assertEquals(ClassifyMode.OFF, load("    classify: off\n").classifyMode());
        assertEquals(ClassifyMode.AUTO, load("    classify: auto\n").classifyMode());
    }

    @Test
    void badScalarsNameTheirLineAndWhatWouldDo() {
        assertEquals(List.of(
                "client.yaml:3: multilink.realtime.classify: invalid value 'sometimes' (allowed: auto, rules-only, off)",
                "client.yaml:4: multilink.realtime.low-rate: invalid data rate 'fast' (expected e.g. 500kbit, 8mbit, 100Mbit/s, 1gbit)",
                "client.yaml:5: multilink.realtime.max-flows: must be at least 16, got 2",
                "client.yaml:6: multilink.realtime.flow-idle: must be above 0, e.g. 30s",
                "client.yaml:7: multilink.realtime.small-packet-bytes: must be at most 65535, got 70000",
                "client.yaml:8: multilink.realtime.hold-down: invalid duration '2': missing unit (expected e.g. 250ms, 30s, 5m, 1h)"),
                errors("""
                            classify: sometimes
                            low-rate: fast
                            max-flows: 2
                            flow-idle: 0s
                            small-packet-bytes: 70000
                            hold-down: 2
                        """));
    }

    @Test
    void badRuleValuesNameTheirLineAndWhatWouldDo() {
        assertEquals(List.of(
                "client.yaml:4: multilink.realtime.rules[0].protocol: unknown protocol 'upd' (known: icmp, igmp, tcp, udp, gre, esp, ah, icmpv6, sctp, udplite, or a number 0..255)",
                "client.yaml:5: multilink.realtime.rules[0].ports: port range '20000-10000' runs backwards (did you mean 10000-20000?)",
                "client.yaml:6: multilink.realtime.rules[0].class: invalid value 'fast' (allowed: bulk, realtime)",
                "client.yaml:7: multilink.realtime.rules[1].dscp: invalid DSCP 'af51' (expected 0..63 or a name: ef, va, df, cs0..cs7, af11..af43)",
                "client.yaml:8: multilink.realtime.rules[1].addresses: host bits set in '10.1.2.3/16' (did you mean 10.1.0.0/16?)",
                "client.yaml:10: multilink.realtime.rules[2].addresses: invalid address in 'example.com/24' (expected e.g. 10.0.0.0/8 or 2001:db8::/32)",
                "client.yaml:12: multilink.realtime.rules[3].prot: unknown key 'prot' (known: addresses, class, dscp, ports, protocol)",
                "client.yaml:12: multilink.realtime.rules[3].class: missing required key"),
                errors("""
                            rules:
                              - protocol: upd
                                ports: [20000-10000]
                                class: fast
                              - dscp: [af51]
                                addresses: [10.1.2.3/16]
                                class: realtime
                              - addresses: [example.com/24]
                                class: bulk
                              - prot: udp
                        """));
    }

    @Test
    void theEffectiveConfigReadsBackToTheSameSettings() {
        String yaml = """
                multilink:
                  realtime:
                    classify: rules-only
                    low-rate: 500kbit
                    rules:
                      - protocol: udp
                        ports: [5060, 10000-20000]
                        dscp: [ef]
                        addresses: [2001:db8::/32]
                        class: realtime
                """;
        MultilinkConfig config = new ConfigLoader().register("multilink", MultilinkConfig.class)
                .load("client.yaml", yaml).section("multilink", MultilinkConfig.class);
        String rendered = EffectiveConfig.renderSection("multilink", config);
        MultilinkConfig again = new ConfigLoader().register("multilink", MultilinkConfig.class)
                .load("effective.yaml", rendered).section("multilink", MultilinkConfig.class);
        assertEquals(config.toSettings().flows(), again.toSettings().flows(), rendered);
    }
}
