package dev.braid.core.spi;

import io.netty.buffer.ByteBuf;

/**
 * How one session moves IP packets over its links, in both directions: which link carries an
 * outbound packet, and what happens to an inbound data payload before it reaches the TUN.
 * The core's {@code single} data path uses one link; the multilink plugin stripes and resequences.
 *
 * <p>All methods run on the session's event loop; none may block. After every call the core asks
 * {@link #nextDeadlineNanos()} and calls {@link #onTimer(long)} when that time has come.
 */
public interface DataPath extends AutoCloseable {

    /** An IP packet read from the local TUN, for the peer. Takes ownership of {@code packet}. */
    void onTunPacket(long nowNanos, ByteBuf packet);

    /** A DATA payload that arrived authenticated on {@code link}. Takes ownership of {@code payload}. */
    void onLinkData(long nowNanos, LinkHandle link, ByteBuf payload);

    /**
     * A CONTROL message of one of {@link DataPathFactory#controlTypes()}; {@code body} starts after
     * the type byte. Does not take ownership: the core releases {@code body} after the call.
     */
    default void onControl(long nowNanos, LinkHandle link, int controlType, ByteBuf body) {}

    default void onLinkAdded(long nowNanos, LinkHandle link) {}

    default void onLinkRemoved(long nowNanos, LinkHandle link) {}

    /**
     * The link's liveness or its {@link LinkHandle#use() use} changed (see {@link LinkHandle#isUp()}).
     * Which links carry data ({@link LinkUse#carries}) may have changed for the other links too.
     */
    default void onLinkStateChanged(long nowNanos, LinkHandle link) {}

    /** @return when {@link #onTimer} is next due, or {@link Long#MAX_VALUE} for never. */
    default long nextDeadlineNanos() {
        return Long.MAX_VALUE;
    }

    default void onTimer(long nowNanos) {}

    /** Per-path figures for `braid status` (e.g. cwnd per link); keys are short labels. */
    default java.util.Map<String, Object> status() {
        return java.util.Map.of();
    }

    /**
     * Per-session figures of this path for {@code braid status --json} ({@code data_path_figures}),
     * as numbers, strings, lists or nested maps under snake_case keys; empty by default.
     */
    default java.util.Map<String, Object> statusFigures() {
        return java.util.Map.of();
    }

    /**
     * Per-link figures of this path for {@code braid status --json} (e.g. cwnd), as numbers or
     * strings under snake_case keys; empty by default.
     */
    default java.util.Map<String, Object> linkStatus(LinkHandle link) {
        return java.util.Map.of();
    }

    /** Releases every buffer the path still holds. */
    @Override
    default void close() {}
}
