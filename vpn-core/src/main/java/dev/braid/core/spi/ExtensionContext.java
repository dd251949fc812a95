package dev.braid.core.spi;

import java.net.InetSocketAddress;

/** A {@link SessionContext} with the powers a liveness/NAT extension needs. */
public interface ExtensionContext extends SessionContext {

    /** Marks a link up or down; the data path is told and moves traffic accordingly. */
    void setLinkUp(LinkHandle link, boolean up);

    /**
     * Sends a CONTROL message on {@code link}'s socket but to {@code address} instead of the
     * link's current remote (an answer to where a probe came from). The core moves links only
     * after its own path validation, and on the proxy sends to an unvalidated address only within
     * 3x what came from there (else a counted drop). Takes ownership of {@code body}.
     */
    void sendControlTo(LinkHandle link, InetSocketAddress address, int controlType, io.netty.buffer.ByteBuf body);
}
