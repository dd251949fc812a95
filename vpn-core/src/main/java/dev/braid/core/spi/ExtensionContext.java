package dev.braid.core.spi;

import java.net.InetSocketAddress;

/** A {@link SessionContext} with the powers a liveness/NAT extension needs. */
public interface ExtensionContext extends SessionContext {

    /** Marks a link up or down; the data path is told and moves traffic accordingly. */
    void setLinkUp(LinkHandle link, boolean up);

    /** Proxy side: send this link's datagrams to {@code address} from now on (after validation). */
    void moveLink(LinkHandle link, InetSocketAddress address);
}
