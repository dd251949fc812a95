package dev.braid.core.spi;

/**
 * Host network set-up around the tunnel, e.g. the SNAT plugin's netfilter table on the proxy.
 * Started after the TUN is up, stopped in reverse order at shutdown. Runs off the event loop;
 * may block. An exception from {@link #start} aborts start-up with its message.
 */
public interface NetworkHook {

    /** Short name for logs. */
    String name();

    void start(TunnelNetwork network) throws Exception;

    /** Removes exactly what {@link #start} added. Must not throw for "already gone". */
    void stop() throws Exception;
}
