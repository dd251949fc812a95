package dev.braid.core.spi;

import java.net.InetSocketAddress;

/** A plugin's view of one link of a session. Read on the session's event loop. */
public interface LinkHandle {

    /** The link id carried in every datagram's header (0-255), chosen by the client. */
    int id();

    /** Human name, e.g. the client interface (`eth0`, `wlan0`) or `link1`. */
    String name();

    /** Where datagrams for the peer go now (the proxy follows NAT rebinding). */
    InetSocketAddress remoteAddress();

    /** False while liveness probing considers the link dead; data paths should avoid it. */
    boolean isUp();

    /** Its tier and rate cap (see {@link LinkUse#carries}); the defaults until the client says otherwise. */
    default LinkUse use() {
        return LinkUse.DEFAULT;
    }

    /** Datagrams sent and received on this link, and their bytes. */
    LinkCounters counters();
}
