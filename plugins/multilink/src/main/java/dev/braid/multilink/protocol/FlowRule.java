package dev.braid.multilink.protocol;

import java.util.List;
import java.util.Objects;

/**
 * One configured classification rule: a flow whose packet matches every criterion given gets
 * {@code flowClass}. An omitted criterion matches anything; a rule with none matches every flow.
 *
 * @param protocol  IP protocol number, {@link #ANY_PROTOCOL} for any
 * @param ports     a port on either side within one of these ranges (only packets with ports match)
 * @param dscpMask  bit n set: DSCP n matches ({@link Dscp#bit}); 0 for any
 * @param addresses the source or the destination within one of these prefixes
 * @param flowClass the class a match gives
 */
public record FlowRule(int protocol, List<PortRange> ports, long dscpMask, List<InnerPrefix> addresses,
                       FlowClass flowClass) {
    public static final int ANY_PROTOCOL = -1;

    public FlowRule {
        if (protocol < ANY_PROTOCOL || protocol > 255) {
            throw new IllegalArgumentException("protocol must be 0..255 or ANY_PROTOCOL, got " + protocol);
        }
        ports = List.copyOf(ports);
        addresses = List.copyOf(addresses);
        Objects.requireNonNull(flowClass, "flowClass");
    }

    /**
     * The protocol number for a name ({@code udp}, {@code tcp}, ...) or a number 0..255.
     *
     * @throws IllegalArgumentException with a message fit for a config error
     */
    public static int parseProtocol(String text) {
        int number = FlowTuples.protocolNumber(text);
        if (number < 0) {
            throw new IllegalArgumentException("unknown protocol '" + text + "' (known: "
                    + String.join(", ", FlowTuples.PROTOCOL_NAMES) + ", or a number 0..255)");
        }
        return number;
    }

    /** Whether the packet matches; a malformed packet matches only a rule without criteria. */
    public boolean matches(PacketFacts facts) {
        boolean anything = protocol == ANY_PROTOCOL && ports.isEmpty() && dscpMask == 0 && addresses.isEmpty();
        if (anything) {
            return true;
        }
        if (facts.malformed()
                || (protocol != ANY_PROTOCOL && facts.protocol() != protocol)
                || (dscpMask != 0 && (dscpMask & Dscp.bit(facts.dscp())) == 0)) {
            return false;
        }
        return portsMatch(facts) && addressesMatch(facts);
    }

    private boolean portsMatch(PacketFacts facts) {
        if (ports.isEmpty()) {
            return true;
        }
        if (!facts.hasPorts()) {
            return false;
        }
        for (int i = 0; i < ports.size(); i++) {
            PortRange range = ports.get(i);
            if (range.contains(facts.srcPort()) || range.contains(facts.dstPort())) {
                return true;
            }
        }
        return false;
    }

    private boolean addressesMatch(PacketFacts facts) {
        for (int i = 0; i < addresses.size(); i++) {
            InnerPrefix prefix = addresses.get(i);
            if (prefix.contains(facts.ipVersion(), facts.srcHi(), facts.srcLo())
                    || prefix.contains(facts.ipVersion(), facts.dstHi(), facts.dstLo())) {
                return true;
            }
        }
        return addresses.isEmpty();
    }
}
