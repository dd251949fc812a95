package dev.braid.testbed.bench.realtime;

import java.nio.ByteBuffer;

/**
 * The VoIP-like flow's datagram: 160 bytes of UDP payload (one 20 ms G.711 frame) carrying a magic,
 * its kind, a sequence number and the sender's {@code System.nanoTime()} (CLOCK_MONOTONIC, one
 * clock for every namespace of the host, so receive time minus this is the one-way delay). An
 * {@link Kind#END} datagram says how many data datagrams were sent, so the receiver can stop.
 */
record ProbePacket(Kind kind, int seq, long sentNanos) {
    static final int PAYLOAD_BYTES = 160;
    private static final int MAGIC = 0x42525450; // "BRTP"

    enum Kind { DATA, END }

    static ProbePacket data(int seq, long sentNanos) {
        return new ProbePacket(Kind.DATA, seq, sentNanos);
    }

    /** @param count data datagrams sent, carried in the seq field */
    static ProbePacket end(int count, long sentNanos) {
        return new ProbePacket(Kind.END, count, sentNanos);
    }

    /** Writes the packet into {@code buffer} from its start, zero-padded to {@value #PAYLOAD_BYTES} bytes. */
    void encode(byte[] buffer) {
        ByteBuffer out = ByteBuffer.wrap(buffer, 0, PAYLOAD_BYTES);
        out.putInt(MAGIC).put((byte) kind.ordinal()).putInt(seq).putLong(sentNanos);
        while (out.hasRemaining()) {
            out.put((byte) 0);
        }
    }

    /** @return the packet, or null for anything that is not a probe datagram of this size */
    static ProbePacket decode(byte[] buffer, int length) {
        if (length != PAYLOAD_BYTES) {
            return null;
        }
        ByteBuffer in = ByteBuffer.wrap(buffer, 0, length);
        if (in.getInt() != MAGIC) {
            return null;
        }
        int kind = in.get();
        if (kind < 0 || kind >= Kind.values().length) {
            return null;
        }
        return new ProbePacket(Kind.values()[kind], in.getInt(), in.getLong());
    }
}
