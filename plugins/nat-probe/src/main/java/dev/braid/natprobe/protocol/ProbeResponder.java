package dev.braid.natprobe.protocol;

import java.net.InetSocketAddress;
import java.util.Optional;

/** Answers probes (both ends do): the echo plus the address the probe came from. */
public final class ProbeResponder {
    private ProbeResponder() {}

    /**
     * @param probeBodyLength bytes of the probe's body as received
     * @param sender          the source address the probe arrived from
     * @return the reply, or empty if it would be larger than the probe (never amplify)
     */
    public static Optional<ProbeReply> answer(Probe probe, int probeBodyLength, InetSocketAddress sender) {
        ProbeReply reply = new ProbeReply(probe.seq(), probe.txNanos(), sender);
        return NatProbeCodec.replyLength(reply) <= probeBodyLength ? Optional.of(reply) : Optional.empty();
    }
}
