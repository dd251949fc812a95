package dev.braid.core.spi;

import java.net.InetSocketAddress;

/** A {@link SessionContext} with the powers a liveness/NAT extension needs. */
public interface ExtensionContext extends SessionContext {

    /** Marks a link up or down; the data path is told and moves traffic accordingly. */
    void setLinkUp(LinkHandle link, boolean up);

    /** Proxy side: send this link's datagrams to {@code address} from now on (after validation). */
    void moveLink(LinkHandle link, InetSocketAddress address);

    /**
     * Sends a CONTROL message on {@code link}'s socket but to {@code address} instead of the
     * link's current remote (path validation of a new address). Takes ownership of {@code body}.
     */
    void sendControlTo(LinkHandle link, InetSocketAddress address, int controlType, io.netty.buffer.ByteBuf body);
}
