package dev.braid.multilink;

import dev.braid.core.config.ConfigDescription;
import dev.braid.core.config.ConfigKey;
import dev.braid.core.config.ConfigRequired;
import dev.braid.multilink.protocol.Dscp;
import dev.braid.multilink.protocol.FlowClass;
import dev.braid.multilink.protocol.FlowRule;
import dev.braid.multilink.protocol.InnerPrefix;
import dev.braid.multilink.protocol.PortRange;
import java.util.List;

/**
 * One entry of {@code multilink.realtime.rules}: the criteria given must all match; each list
 * matches when any of its entries does. Every value is checked by its setter, so a bad one is
 * reported at its own line.
 */
public final class FlowRuleConfig {
    private String protocol;
    private List<String> ports = List.of();
    private List<String> dscp = List.of();
    private List<String> addresses = List.of();
    private FlowClass flowClass;

    /** The rule these keys describe. */
    public FlowRule toRule() {
        long dscpMask = 0;
        for (String code : dscp) {
            dscpMask |= Dscp.bit(Dscp.parse(code));
        }
        return new FlowRule(
                protocol == null ? FlowRule.ANY_PROTOCOL : FlowRule.parseProtocol(protocol),
                ports.stream().map(PortRange::parse).toList(),
                dscpMask,
                addresses.stream().map(InnerPrefix::parse).toList(),
                flowClass);
    }

    public String getProtocol() {
        return protocol;
    }

    @ConfigKey("protocol")
    @ConfigDescription("udp, tcp, icmp, icmpv6, sctp, udplite, esp, gre, ... or a number 0..255; omitted: any")
    public void setProtocol(String protocol) {
        FlowRule.parseProtocol(protocol);
        this.protocol = protocol;
    }

    public List<String> getPorts() {
        return ports;
    }

    @ConfigKey("ports")
    @ConfigDescription("ports or ranges on either side, e.g. [5060, 10000-20000]; only packets with ports match")
    public void setPorts(List<String> ports) {
        ports.forEach(PortRange::parse);
        this.ports = ports;
    }

    public List<String> getDscp() {
        return dscp;
    }

    @ConfigKey("dscp")
    @ConfigDescription("DSCP values 0..63 or names, e.g. [ef, af41, cs5]")
    public void setDscp(List<String> dscp) {
        dscp.forEach(Dscp::parse);
        this.dscp = dscp;
    }

    public List<String> getAddresses() {
        return addresses;
    }

    @ConfigKey("addresses")
    @ConfigDescription("inner source or destination prefixes, IPv4 or IPv6, e.g. [10.0.0.0/8, 2001:db8::/32]")
    public void setAddresses(List<String> addresses) {
        addresses.forEach(InnerPrefix::parse);
        this.addresses = addresses;
    }

    public FlowClass getFlowClass() {
        return flowClass;
    }

    @ConfigKey("class")
    @ConfigRequired
    @ConfigDescription("realtime or bulk: the class a matching flow gets")
    public void setFlowClass(FlowClass flowClass) {
        this.flowClass = flowClass;
    }
}
