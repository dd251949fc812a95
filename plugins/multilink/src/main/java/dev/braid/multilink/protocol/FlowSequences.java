package dev.braid.multilink.protocol;

/**
 * Where the sender keeps each inner flow's last global seq, by the flow's slot in the flow table:
 * the next packet of the flow names it as its predecessor ({@link FlowTag}).
 */
public interface FlowSequences {
    /** No flow information: packets without a slot wait for every earlier global seq. */
    int NO_FLOW = -1;

    /** The flow's last global seq, -1 if it has sent none (or the slot was given to a new flow). */
    long lastGlobalSeq(int slot);

    void setLastGlobalSeq(int slot, long globalSeq);

    /** A realtime packet of the flow went out first on {@code linkId}, with a copy on another link or not. */
    default void noteRealtimeSent(int slot, int linkId, boolean copied) {
    }
}
