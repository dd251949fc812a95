package dev.braid.multilink.protocol;

import java.nio.ByteBuffer;

/**
 * The 16-byte multilink data header, written in network byte order directly before the inner IP
 * packet. The first three fields are the low 32 bits of the sender's counters/clock:
 *
 * <pre>
 *  0: global seq   u32  (session-wide, assigned when the packet is sent on a link)
 *  4: link seq     u32  (per link, +1 per packet sent on that link)
 *  8: tx timestamp u32  (sender clock in microseconds, truncated)
 * 12: flow delta   u16  (global seq minus the global seq of the previous packet of the same
 *                        inner flow; 0 = wait for every earlier global seq)
 * 14: flags        u8   ({@link #FLOW_START}, {@link #REALTIME})
 * 15: reserved     u8   (0)
 * </pre>
 * The flow delta lets the receiver order each inner flow on its own without knowing flows: a
 * packet waits only for its predecessor, so a hole in one flow holds no other flow.
 */
public record DataHeader(int globalSeq, int linkSeq, int txTimeMicros, int flowDelta, int flags) {
    /** Encoded size in bytes. */
    public static final int SIZE = 16;
    /** The packet has no predecessor to wait for (first of its flow, or the predecessor is far behind). */
    public static final int FLOW_START = 0x01;
    /** A realtime flow's packet: delivered on arrival, never held or aligned. */
    public static final int REALTIME = 0x02;
    /** Largest flow delta on the wire; a larger distance is sent as {@link #FLOW_START}. */
    public static final int MAX_FLOW_DELTA = 0xFFFF;

    public DataHeader {
        if (flowDelta < 0 || flowDelta > MAX_FLOW_DELTA) {
            throw new IllegalArgumentException("flow delta must be in 0.." + MAX_FLOW_DELTA + ", got " + flowDelta);
        }
        flags &= 0xFF;
    }

    /** A header whose packet waits for every earlier global seq (no flow information). */
    public DataHeader(int globalSeq, int linkSeq, int txTimeMicros) {
        this(globalSeq, linkSeq, txTimeMicros, 0, 0);
    }

    /** Builds a header from the sender's 64-bit counters and its clock in nanoseconds. */
    public static DataHeader of(long globalSeq, long linkSeq, long nowNanos) {
        return new DataHeader((int) globalSeq, (int) linkSeq, microsOf(nowNanos));
    }

    /** As {@link #of(long, long, long)}, with the packet's {@link FlowTag}. */
    public static DataHeader of(long globalSeq, long linkSeq, long nowNanos, int flowTag) {
        return new DataHeader((int) globalSeq, (int) linkSeq, microsOf(nowNanos),
                FlowTag.delta(flowTag), FlowTag.flags(flowTag));
    }

    /** The u32 microsecond timestamp for a nanosecond clock reading. */
    public static int microsOf(long nanos) {
        return (int) Math.floorDiv(nanos, 1000L);
    }

    /** The flow fields packed as a {@link FlowTag}. */
    public int flowTag() {
        return FlowTag.pack(flowDelta, flags);
    }

    /** True if the packet waits for no predecessor. */
    public boolean flowStart() {
        return (flags & FLOW_START) != 0;
    }

    /** True if the packet belongs to a realtime flow. */
    public boolean realtime() {
        return (flags & REALTIME) != 0;
    }

    /** Writes the header at the buffer's position and advances it by {@link #SIZE}. */
    public void encode(ByteBuffer out) {
        out.putInt(globalSeq).putInt(linkSeq).putInt(txTimeMicros)
                .putShort((short) flowDelta).put((byte) flags).put((byte) 0);
    }

    /**
     * Reads a header at the buffer's position and advances it by {@link #SIZE}; the inner packet
     * follows.
     *
     * @throws MalformedMessageException if fewer than 16 bytes remain
     */
    public static DataHeader decode(ByteBuffer in) {
        if (in.remaining() < SIZE) {
            throw new MalformedMessageException(
                    "data header needs " + SIZE + " bytes, got " + in.remaining());
        }
        DataHeader h = new DataHeader(in.getInt(), in.getInt(), in.getInt(),
                Short.toUnsignedInt(in.getShort()), Byte.toUnsignedInt(in.get()));
        in.get(); // reserved
        return h;
    }
}
