package dev.braid.natprobe;

import dev.braid.natprobe.protocol.LinkState;
import java.net.InetSocketAddress;

/**
 * One link as the nat-probe extension sees it, for {@code braid status}.
 *
 * @param state           liveness (UP when liveness probing is off for this end)
 * @param srttNanos       smoothed RTT from probe replies, -1 before the first
 * @param observedAddress the link's public address as the peer saw it, null before the first reply
 */
public record LinkProbeStatus(int linkId, String name, LinkState state, long srttNanos,
                              InetSocketAddress observedAddress) {}
