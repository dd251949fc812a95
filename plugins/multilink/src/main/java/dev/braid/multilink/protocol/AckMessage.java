package dev.braid.multilink.protocol;

import java.nio.ByteBuffer;
import java.util.Arrays;

/**
 * Per-link acknowledgement, sent by a receiver for one link (layout in
 * docs/protocol-multilink.md):
 *
 * <pre>
 *  0: version        u8   = 1
 *  1: flags          u8   reserved, sent as 0, ignored on receipt
 *  2: vector length  u16  bytes of Ack Vector that follow, 1..{@value #MAX_VECTOR_BYTES}
 *  4: ack number     u32  highest link seq received on this link
 *  8: echo timestamp u32  tx timestamp (sender µs) of the packet with the ack number
 * 12: ack delay      u32  µs between receiving that packet and sending this ack
 * 16: highest global u32  highest global seq the receiver has received (any link)
 * 20: Ack Vector     bytes, each state:2|runlength:6 (RFC 4340 §11.4), walking backwards from
 *                    the ack number; a byte covers runlength+1 link seqs
 * </pre>
 *
 * The first vector byte must say Received (it covers the ack number itself).
 */
public final class AckMessage {
    public static final int VERSION = 1;
    /** Size of the fixed part. */
    public static final int HEADER_SIZE = 20;
    /** Upper bound on the vector; anything longer is rejected as absurd. */
    public static final int MAX_VECTOR_BYTES = 1024;
    /** Ack Vector states (RFC 4340 §11.4), already shifted into the top two bits. */
    public static final int STATE_RECEIVED = 0x00;
    public static final int STATE_ECN_MARKED = 0x40;
    public static final int STATE_NOT_RECEIVED = 0xC0;
    /** Largest run length field; a byte covers at most 64 packets. */
    public static final int MAX_RUN_LENGTH = 0x3F;

    private final int ackNumber;
    private final int echoTimestampMicros;
    private final int ackDelayMicros;
    private final int highestGlobalSeq;
    private final byte[] vector;

    /**
     * @param vector Ack Vector bytes (copied); must be valid (see class doc)
     * @throws MalformedMessageException if the vector is empty, too long, or invalid
     */
    public AckMessage(int ackNumber, int echoTimestampMicros, int ackDelayMicros,
                      int highestGlobalSeq, byte[] vector) {
        validateVector(vector, vector.length);
        this.ackNumber = ackNumber;
        this.echoTimestampMicros = echoTimestampMicros;
        this.ackDelayMicros = ackDelayMicros;
        this.highestGlobalSeq = highestGlobalSeq;
        this.vector = vector.clone();
    }

    public int ackNumber() {
        return ackNumber;
    }

    public int echoTimestampMicros() {
        return echoTimestampMicros;
    }

    /** Unsigned microseconds. */
    public long ackDelayMicros() {
        return SeqNum.toUnsigned(ackDelayMicros);
    }

    public int highestGlobalSeq() {
        return highestGlobalSeq;
    }

    /** A copy of the Ack Vector bytes. */
    public byte[] vector() {
        return vector.clone();
    }

    public int vectorLength() {
        return vector.length;
    }

    /** State bits (one of the STATE_ constants) of vector byte i. */
    public int runState(int i) {
        return vector[i] & 0xC0;
    }

    /** Number of link seqs covered by vector byte i (1..64). */
    public int runPackets(int i) {
        return (vector[i] & MAX_RUN_LENGTH) + 1;
    }

    public int encodedSize() {
        return HEADER_SIZE + vector.length;
    }

    /** Writes the message at the buffer's position, advancing it by {@link #encodedSize()}. */
    public void encode(ByteBuffer out) {
        out.put((byte) VERSION).put((byte) 0).putShort((short) vector.length)
                .putInt(ackNumber).putInt(echoTimestampMicros).putInt(ackDelayMicros)
                .putInt(highestGlobalSeq).put(vector);
    }

    /**
     * Reads one message at the buffer's position and advances past it.
     *
     * @throws MalformedMessageException on short input, unknown version, a vector length of 0 or
     *         above {@value #MAX_VECTOR_BYTES}, a vector longer than the input, a reserved state,
     *         or a first run that is not Received
     */
    public static AckMessage decode(ByteBuffer in) {
        if (in.remaining() < HEADER_SIZE) {
            throw new MalformedMessageException(
                    "ack needs at least " + HEADER_SIZE + " bytes, got " + in.remaining());
        }
        int start = in.position();
        int version = in.get(start) & 0xFF;
        if (version != VERSION) {
            throw new MalformedMessageException("unsupported ack version " + version);
        }
        int length = in.getShort(start + 2) & 0xFFFF;
        if (length == 0 || length > MAX_VECTOR_BYTES) {
            throw new MalformedMessageException("absurd ack vector length " + length);
        }
        if (in.remaining() < HEADER_SIZE + length) {
            throw new MalformedMessageException("ack vector truncated: needs " + length
                    + " bytes, got " + (in.remaining() - HEADER_SIZE));
        }
        in.position(start + 4);
        int ackNumber = in.getInt();
        int echo = in.getInt();
        int delay = in.getInt();
        int highestGlobal = in.getInt();
        byte[] vector = new byte[length];
        in.get(vector);
        return new AckMessage(ackNumber, echo, delay, highestGlobal, vector);
    }

    private static void validateVector(byte[] vector, int length) {
        if (length == 0 || length > MAX_VECTOR_BYTES) {
            throw new MalformedMessageException("absurd ack vector length " + length);
        }
        if ((vector[0] & 0xC0) != STATE_RECEIVED) {
            throw new MalformedMessageException("first ack vector run must be Received");
        }
        for (int i = 0; i < length; i++) {
            if ((vector[i] & 0xC0) == 0x80) {
                throw new MalformedMessageException("reserved ack vector state at byte " + i);
            }
        }
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof AckMessage a && a.ackNumber == ackNumber
                && a.echoTimestampMicros == echoTimestampMicros
                && a.ackDelayMicros == ackDelayMicros && a.highestGlobalSeq == highestGlobalSeq
                && Arrays.equals(a.vector, vector);
    }

    @Override
    public int hashCode() {
        return 31 * Integer.hashCode(ackNumber) + Arrays.hashCode(vector);
    }

    @Override
    public String toString() {
        return "AckMessage[ack=" + SeqNum.toUnsigned(ackNumber) + ", echo=" + echoTimestampMicros
                + ", delayUs=" + ackDelayMicros() + ", highestGlobal="
                + SeqNum.toUnsigned(highestGlobalSeq) + ", vector=" + vector.length + "B]";
    }
}
