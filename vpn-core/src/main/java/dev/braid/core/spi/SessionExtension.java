package dev.braid.core.spi;

import io.netty.buffer.ByteBuf;

/**
 * Per-session logic beside the data path, e.g. NAT keepalive probes and link liveness. Created
 * by a {@link SessionExtensionFactory} for every session; all calls on the session's event loop.
 */
public interface SessionExtension extends AutoCloseable {

    default void onLinkAdded(long nowNanos, LinkHandle link) {}

    default void onLinkRemoved(long nowNanos, LinkHandle link) {}

    /**
     * Any authenticated datagram arrived on {@code link} (data or control), from {@code sender}.
     * A sender other than {@link LinkHandle#remoteAddress()} may be a NAT rebinding or a spoofed
     * source; the core (proxy side) challenges it and moves the link only once it answered.
     */
    default void onAuthenticatedReceive(long nowNanos, LinkHandle link, java.net.InetSocketAddress sender) {}

    /**
     * A CONTROL message of one of the factory's {@link SessionExtensionFactory#controlTypes()}.
     * Does not take ownership of {@code body}. Contract: for the same datagram,
     * {@link #onAuthenticatedReceive} was called just before, with the datagram's sender.
     */
    default void onControl(long nowNanos, LinkHandle link, int controlType, ByteBuf body) {}

    /** Per-link or per-session figures for `braid status`; keys are short labels. */
    default java.util.Map<String, Object> status() {
        return java.util.Map.of();
    }

    default long nextDeadlineNanos() {
        return Long.MAX_VALUE;
    }

    default void onTimer(long nowNanos) {}

    @Override
    default void close() {}
}
