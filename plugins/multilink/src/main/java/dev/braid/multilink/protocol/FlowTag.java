package dev.braid.multilink.protocol;

/**
 * A packet's flow fields of the {@link DataHeader} packed into one int (flow delta in the low 16
 * bits, flags above), so queued packets and repair copies carry them without an object.
 */
public final class FlowTag {
    /** No flow information: the receiver orders the packet after every earlier global seq. */
    public static final int GLOBAL_ORDER = 0;

    private FlowTag() {
    }

    /**
     * The tag of the packet with {@code globalSeq} whose flow last sent {@code previousGlobalSeq}
     * (-1 if none).
     */
    public static int of(long globalSeq, long previousGlobalSeq, boolean realtime) {
        int flags = realtime ? DataHeader.REALTIME : 0;
        long delta = globalSeq - previousGlobalSeq;
        if (previousGlobalSeq < 0 || delta <= 0 || delta > DataHeader.MAX_FLOW_DELTA) {
            return pack(0, flags | DataHeader.FLOW_START);
        }
        return pack((int) delta, flags);
    }

    static int pack(int delta, int flags) {
        return (flags << 16) | delta;
    }

    public static int delta(int tag) {
        return tag & 0xFFFF;
    }

    public static int flags(int tag) {
        return (tag >>> 16) & 0xFF;
    }
}
