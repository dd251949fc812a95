package dev.braid.multilink.protocol;

/**
 * What a congestion control found out about single link packets, so the sender can free or
 * repair the copies it keeps ({@link MultilinkSettings#repairLosses()}). Each link seq gets at
 * most one call.
 */
public interface PacketFates {
    /** Reports nothing (the sender keeps no copies). */
    PacketFates IGNORE = new PacketFates() {
        @Override
        public void acked(long linkSeq) {
        }

        @Override
        public void lost(long linkSeq) {
        }
    };

    /** The receiver has the packet. */
    void acked(long linkSeq);

    /** The packet is lost: three later packets were acked, or the RTO forgot it. */
    void lost(long linkSeq);
}
