package dev.braid.natprobe.protocol;

import dev.braid.core.wire.DropReason;
import dev.braid.core.wire.MalformedPacketException;
import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.nio.ByteBuffer;

/**
 * Bodies of the nat-probe CONTROL messages (what follows the control-type byte), big-endian:
 *
 * <pre>
 * PROBE           seq u32 | tx nanos u64 | padding (zeros) up to {@value #PROBE_LENGTH} bytes or more
 * PROBE_REPLY     seq u32 | tx nanos u64 | family u8 (4 or 6) | port u16 | address (4 or 16 bytes)
 * PATH_CHALLENGE  token (8 bytes)
 * PATH_RESPONSE   token (8 bytes)
 * </pre>
 *
 * A probe is padded to the size of the largest reply (IPv6), so a reply is never larger than the
 * probe that caused it: answering cannot amplify. Decoders read from the buffer's position to its
 * limit and throw {@link MalformedPacketException} ({@link DropReason#MALFORMED_BODY}) with the
 * reason when the body does not fit its layout.
 */
public final class NatProbeCodec {
    private static final int SEQ_AND_TX = 4 + 8;
    public static final int REPLY_IPV4_LENGTH = SEQ_AND_TX + 1 + 2 + 4;
    public static final int REPLY_IPV6_LENGTH = SEQ_AND_TX + 1 + 2 + 16;
    /** Smallest valid probe body: large enough for any reply. */
    public static final int PROBE_LENGTH = REPLY_IPV6_LENGTH;

    private static final int FAMILY_IPV4 = 4;
    private static final int FAMILY_IPV6 = 6;

    private NatProbeCodec() {}

    // ---------------------------------------------------------------- PROBE

    /** Writes {@value #PROBE_LENGTH} bytes at {@code out}'s position. */
    public static void encodeProbe(Probe probe, ByteBuffer out) {
        out.putInt((int) probe.seq());
        out.putLong(probe.txNanos());
        for (int i = SEQ_AND_TX; i < PROBE_LENGTH; i++) {
            out.put((byte) 0);
        }
    }

    public static Probe decodeProbe(ByteBuffer in) {
        if (in.remaining() < PROBE_LENGTH) {
            throw malformed("PROBE body is " + in.remaining() + " bytes, needs at least " + PROBE_LENGTH);
        }
        long seq = Integer.toUnsignedLong(in.getInt());
        long tx = in.getLong();
        in.position(in.limit()); // padding, contents ignored
        return new Probe(seq, tx);
    }

    // ---------------------------------------------------------------- PROBE_REPLY

    public static int replyLength(ProbeReply reply) {
        return reply.observed().getAddress() instanceof Inet4Address ? REPLY_IPV4_LENGTH : REPLY_IPV6_LENGTH;
    }

    /** Writes {@link #replyLength} bytes at {@code out}'s position. */
    public static void encodeReply(ProbeReply reply, ByteBuffer out) {
        InetAddress address = reply.observed().getAddress();
        out.putInt((int) reply.seq());
        out.putLong(reply.txNanos());
        out.put((byte) (address instanceof Inet4Address ? FAMILY_IPV4 : FAMILY_IPV6));
        out.putShort((short) reply.observed().getPort());
        out.put(address.getAddress());
    }

    public static ProbeReply decodeReply(ByteBuffer in) {
        if (in.remaining() < SEQ_AND_TX + 3) {
            throw malformed("PROBE_REPLY body is " + in.remaining() + " bytes, needs at least " + (SEQ_AND_TX + 3));
        }
        long seq = Integer.toUnsignedLong(in.getInt());
        long tx = in.getLong();
        int family = Byte.toUnsignedInt(in.get());
        int port = Short.toUnsignedInt(in.getShort());
        int addressLength = switch (family) {
            case FAMILY_IPV4 -> 4;
            case FAMILY_IPV6 -> 16;
            default -> throw malformed("PROBE_REPLY has unknown address family " + family);
        };
        if (in.remaining() != addressLength) {
            throw malformed("PROBE_REPLY family " + family + " needs " + addressLength
                    + " address bytes, has " + in.remaining());
        }
        byte[] raw = new byte[addressLength];
        in.get(raw);
        return new ProbeReply(seq, tx, new InetSocketAddress(toAddress(raw), port));
    }

    /** Keeps an IPv4-mapped IPv6 address as IPv6, unlike {@link InetAddress#getByAddress(byte[])}. */
    private static InetAddress toAddress(byte[] raw) {
        try {
            return raw.length == 4 ? InetAddress.getByAddress(raw) : Inet6Address.getByAddress(null, raw, -1);
        } catch (UnknownHostException e) {
            throw new AssertionError("length checked above", e);
        }
    }

    private static MalformedPacketException malformed(String message) {
        return new MalformedPacketException(DropReason.MALFORMED_BODY, message);
    }
}
