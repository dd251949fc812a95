package dev.braid.testbed.linkem;

import java.net.InetSocketAddress;
import java.nio.channels.DatagramChannel;

/**
 * One NAT binding: a client's source address and the outward socket (own source port) that
 * carries its traffic to the target. Owned by the relay's I/O thread; the delivery thread only
 * reads {@link #channel}, which a rebinding may replace.
 */
final class NatMapping {
    final InetSocketAddress client;
    volatile DatagramChannel channel;
    long lastActivityNanos;

    NatMapping(InetSocketAddress client, DatagramChannel channel, long nowNanos) {
        this.client = client;
        this.channel = channel;
        this.lastActivityNanos = nowNanos;
    }

    boolean isExpired(long nowNanos, long timeoutNanos) {
        return timeoutNanos > 0 && nowNanos - lastActivityNanos > timeoutNanos;
    }
}
