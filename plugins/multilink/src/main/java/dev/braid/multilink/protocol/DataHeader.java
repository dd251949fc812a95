package dev.braid.multilink.protocol;

import java.nio.ByteBuffer;

/**
 * The 12-byte multilink data header, written in network byte order directly before the inner IP
 * packet. All three fields are the low 32 bits of the sender's counters/clock:
 *
 * <pre>
 *  0: global seq   u32  (session-wide, assigned when the packet is sent on a link)
 *  4: link seq     u32  (per link, +1 per packet sent on that link)
 *  8: tx timestamp u32  (sender clock in microseconds, truncated)
 * </pre>
 */
public record DataHeader(int globalSeq, int linkSeq, int txTimeMicros) {
    /** Encoded size in bytes. */
    public static final int SIZE = 12;

    /** Builds a header from the sender's 64-bit counters and its clock in nanoseconds. */
    public static DataHeader of(long globalSeq, long linkSeq, long nowNanos) {
        return new DataHeader((int) globalSeq, (int) linkSeq, microsOf(nowNanos));
    }

    /** The u32 microsecond timestamp for a nanosecond clock reading. */
    public static int microsOf(long nanos) {
        return (int) Math.floorDiv(nanos, 1000L);
    }

    /** Writes the header at the buffer's position and advances it by {@link #SIZE}. */
    public void encode(ByteBuffer out) {
        out.putInt(globalSeq).putInt(linkSeq).putInt(txTimeMicros);
    }

    /**
     * Reads a header at the buffer's position and advances it by {@link #SIZE}; the inner packet
     * follows.
     *
     * @throws MalformedMessageException if fewer than 12 bytes remain
     */
    public static DataHeader decode(ByteBuffer in) {
        if (in.remaining() < SIZE) {
            throw new MalformedMessageException(
                    "data header needs " + SIZE + " bytes, got " + in.remaining());
        }
        return new DataHeader(in.getInt(), in.getInt(), in.getInt());
    }
}
