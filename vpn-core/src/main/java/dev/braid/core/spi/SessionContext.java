package dev.braid.core.spi;

import dev.braid.core.time.Clock;
import dev.braid.core.wire.DropReason;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import java.util.List;

/**
 * What the core offers a session's {@link DataPath}: its links and the three ways out of the data
 * path (to a link as DATA, to a link as CONTROL, to the local TUN). All calls on the event loop.
 */
public interface SessionContext {

    int sessionId();

    Role role();

    /** Links of the session in the order they joined; the list is a snapshot. */
    List<LinkHandle> links();

    Clock clock();

    ByteBufAllocator alloc();

    /** Sends a DATA datagram carrying {@code payload} on {@code link}. Takes ownership of {@code payload}. */
    void sendData(LinkHandle link, ByteBuf payload);

    /** Sends a CONTROL message {@code type} with {@code body}. Takes ownership of {@code body}. */
    void sendControl(LinkHandle link, int controlType, ByteBuf body);

    /** Writes an IP packet to the local TUN. Takes ownership of {@code packet}. */
    void deliverToTun(ByteBuf packet);

    /** Counts a drop of the data path's own making (the caller releases the packet). */
    void countDrop(DropReason reason);
}
