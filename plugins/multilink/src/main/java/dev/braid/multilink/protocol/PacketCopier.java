package dev.braid.multilink.protocol;

/**
 * How the sender keeps a packet it may have to send again ({@link MultilinkSettings#repairLosses()}):
 * a second reference that outlives the one handed to {@link SenderOutput#send}, and its release.
 * For Netty buffers a retained duplicate; for immutable packets the packet itself.
 */
public interface PacketCopier<P> {
    /** Immutable packets: the copy is the packet, nothing to release. */
    static <P> PacketCopier<P> immutable() {
        return new PacketCopier<>() {
            @Override
            public P copy(P packet) {
                return packet;
            }

            @Override
            public void release(P copy) {
            }
        };
    }

    /** A reference to the same packet content that stays valid after the original is released. */
    P copy(P packet);

    /** Frees a copy that will not be sent. */
    void release(P copy);
}
