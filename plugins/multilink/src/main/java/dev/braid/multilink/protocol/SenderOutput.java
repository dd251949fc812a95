package dev.braid.multilink.protocol;

/**
 * What a {@link MultilinkSender} asks its I/O shell to do. Called synchronously from the sender's
 * methods. Ownership of {@code packet} passes to the output in both methods: the shell sends and
 * releases it, or releases it on drop.
 */
public interface SenderOutput<P> {
    /** Send {@code header} followed by {@code packet} on link {@code linkId}. */
    void send(int linkId, DataHeader header, P packet);

    /** The packet will never be sent. */
    void drop(P packet, DropReason reason);
}
