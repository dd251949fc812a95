package dev.braid.core.session;

/**
 * What a session tells its owner (the proxy server or the client) about core control messages
 * and its end. Called on the session's event loop.
 */
public interface SessionEvents {

    /** A JOIN arrived on {@code link}, naming it {@code name} (proxy side). */
    default void joinReceived(Session session, Link link, String name) {}

    /** The proxy acknowledged a JOIN on {@code link} (client side). */
    default void joinAcknowledged(Session session, Link link) {}

    /** {@code link} was DOWN for the link down timeout and is no longer in the session. */
    default void linkExpired(Session session, Link link) {}

    /** The session's effective tunnel MTU changed to {@code mtu} (a link's path MTU, a link came or went). */
    default void tunnelMtuChanged(Session session, int mtu) {}

    /** The session ended, by either side; its resources are released. */
    void closed(Session session);
}
