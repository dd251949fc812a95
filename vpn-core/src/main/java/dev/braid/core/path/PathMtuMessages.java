package dev.braid.core.path;

import io.netty.buffer.ByteBuf;

/**
 * Bodies of the path MTU control messages (after the control type byte; docs/protocol.md):
 * <pre>
 * PMTU_PROBE  (0x08, client -> proxy)  size u16 ‖ probe id u32 ‖ zero padding to the size
 * PMTU_ACK    (0x09, proxy -> client)  size u16 ‖ probe id u32          (6 bytes, never more)
 * PMTU_REPORT (0x0a, client -> proxy, echoed back as is)  path MTU u16   (2 bytes)
 * </pre>
 * Sizes count the whole outer IP packet. A body of another length, or a size outside 68..65535
 * (0 in a report), is malformed: the reader returns null and the caller counts the drop.
 */
public final class PathMtuMessages {
    public static final int ACK_LENGTH = 6;
    public static final int REPORT_LENGTH = 2;
    /** Smallest IPv4 MTU (RFC 791); no probe or report is below it. */
    public static final int MIN_SIZE = 68;

    /** A probe or its ack: what was probed and under which id. */
    public record Probe(int size, int id) {}

    private PathMtuMessages() {}

    /** Writes a probe's body of {@code bodyLength} bytes (at least 6: size, id, then zeros). */
    public static void writeProbe(ByteBuf out, int size, int id, int bodyLength) {
        if (bodyLength < ACK_LENGTH) {
            throw new IllegalArgumentException("a probe body has at least " + ACK_LENGTH + " bytes, not " + bodyLength);
        }
        out.writeShort(size).writeInt(id).writeZero(bodyLength - ACK_LENGTH);
    }

    /** The probe in {@code body}, or null if malformed. Does not move the reader index. */
    public static Probe readProbe(ByteBuf body) {
        return body.readableBytes() < ACK_LENGTH ? null : sizeAndId(body);
    }

    public static void writeAck(ByteBuf out, Probe probe) {
        out.writeShort(probe.size()).writeInt(probe.id());
    }

    /** The ack in {@code body}, or null if malformed. Does not move the reader index. */
    public static Probe readAck(ByteBuf body) {
        return body.readableBytes() != ACK_LENGTH ? null : sizeAndId(body);
    }

    public static void writeReport(ByteBuf out, int pathMtu) {
        out.writeShort(pathMtu);
    }

    /** The reported path MTU, or -1 if malformed. Does not move the reader index. */
    public static int readReport(ByteBuf body) {
        if (body.readableBytes() != REPORT_LENGTH) {
            return -1;
        }
        int mtu = body.getUnsignedShort(body.readerIndex());
        return mtu < MIN_SIZE ? -1 : mtu;
    }

    private static Probe sizeAndId(ByteBuf body) {
        int size = body.getUnsignedShort(body.readerIndex());
        return size < MIN_SIZE ? null : new Probe(size, body.getInt(body.readerIndex() + 2));
    }
}
