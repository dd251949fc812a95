package dev.braid.natprobe;

import dev.braid.core.spi.LinkHandle;
import dev.braid.natprobe.protocol.LinkLiveness;
import dev.braid.natprobe.protocol.ObservedAddress;
import java.net.InetSocketAddress;

/** The extension's state for one link. */
final class LinkProbe {
    final LinkHandle link;
    /** Null when this end does not probe (proxy with proxy-liveness off). */
    final LinkLiveness liveness;
    final ObservedAddress observed = new ObservedAddress();
    /** Sender of the datagram being handled: the core announces it just before its control body. */
    InetSocketAddress lastSender;
    /** Datagrams this extension sent itself, so they do not count as traffic awaiting an answer. */
    long ownPacketsOut;

    LinkProbe(LinkHandle link, LinkLiveness liveness) {
        this.link = link;
        this.liveness = liveness;
    }

    InetSocketAddress sender() {
        return lastSender != null ? lastSender : link.remoteAddress();
    }

    long trafficPacketsOut() {
        return link.counters().packetsOut() - ownPacketsOut;
    }
}
