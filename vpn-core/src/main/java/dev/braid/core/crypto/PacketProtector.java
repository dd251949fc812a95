package dev.braid.core.crypto;

/**
 * The two halves of a session's packet protection: {@link SendProtector} with this side's send key
 * and {@link ReceiveProtector} with the peer's. Each side builds its own from the same
 * {@link SessionKeys}; the client's sender pairs with the proxy's receiver and vice versa.
 */
public record PacketProtector(SendProtector sender, ReceiveProtector receiver) {

    /** Client side: sends with clientToServer, receives with serverToClient. */
    public static PacketProtector forClient(SessionKeys keys, CipherSuite suite, RekeyLimits limits, long nowNanos) {
        return create(keys, suite, limits, nowNanos, true);
    }

    /** Proxy side: sends with serverToClient, receives with clientToServer. */
    public static PacketProtector forServer(SessionKeys keys, CipherSuite suite, RekeyLimits limits, long nowNanos) {
        return create(keys, suite, limits, nowNanos, false);
    }

    private static PacketProtector create(SessionKeys keys, CipherSuite suite, RekeyLimits limits,
                                          long nowNanos, boolean isClient) {
        return new PacketProtector(
                new SendProtector(suite, keys.sendKey(isClient), limits, nowNanos),
                new ReceiveProtector(suite, keys.receiveKey(isClient), limits));
    }
}
