package dev.braid.multilink.protocol;

import java.io.ByteArrayOutputStream;

/** Builds inner IPv4/IPv6 packets byte by byte for the flow tests (checksums are not checked, so left 0). */
final class InnerPackets {
    static final int TCP = 6;
    static final int UDP = 17;
    static final int ICMP = 1;
    static final int ICMPV6 = 58;

    private InnerPackets() {}

    /** IPv4 with a transport header starting {@code srcPort, dstPort} and {@code payload} bytes after an 8-byte header. */
    static byte[] ipv4(int protocol, String src, int srcPort, String dst, int dstPort, int dscp, int payload) {
        byte[] transport = new byte[8 + payload];
        putShort(transport, 0, srcPort);
        putShort(transport, 2, dstPort);
        return ipv4(protocol, src, dst, dscp, 0, transport);
    }

    /** IPv4 around {@code body}; {@code flagsAndOffset} is the header's 16-bit flags/fragment offset field. */
    static byte[] ipv4(int protocol, String src, String dst, int dscp, int flagsAndOffset, byte[] body) {
        byte[] p = new byte[20 + body.length];
        p[0] = 0x45;
        p[1] = (byte) (dscp << 2);
        putShort(p, 2, p.length);
        putShort(p, 6, flagsAndOffset);
        p[8] = 64;
        p[9] = (byte) protocol;
        System.arraycopy(v4(src), 0, p, 12, 4);
        System.arraycopy(v4(dst), 0, p, 16, 4);
        System.arraycopy(body, 0, p, 20, body.length);
        return p;
    }

    static byte[] udp4(String src, int srcPort, String dst, int dstPort, int payload) {
        return ipv4(UDP, src, srcPort, dst, dstPort, 0, payload);
    }

    /** IPv6 whose first next-header is {@code next}, around {@code rest} (extension headers + upper layer). */
    static byte[] ipv6(int next, String src, String dst, int dscp, byte[] rest) {
        byte[] p = new byte[40 + rest.length];
        int trafficClass = dscp << 2;
        p[0] = (byte) (0x60 | trafficClass >>> 4);
        p[1] = (byte) (trafficClass << 4);
        putShort(p, 4, rest.length);
        p[6] = (byte) next;
        p[7] = 64;
        System.arraycopy(v6(src), 0, p, 8, 16);
        System.arraycopy(v6(dst), 0, p, 24, 16);
        System.arraycopy(rest, 0, p, 40, rest.length);
        return p;
    }

    /** The first 8 bytes of a TCP/UDP header plus {@code payload} bytes. */
    static byte[] ports(int srcPort, int dstPort, int payload) {
        byte[] t = new byte[8 + payload];
        putShort(t, 0, srcPort);
        putShort(t, 2, dstPort);
        return t;
    }

    /** A hop-by-hop, routing or destination-options header of {@code 8 * (lengthUnits + 1)} bytes. */
    static byte[] optionsHeader(int next, int lengthUnits) {
        byte[] h = new byte[8 * (lengthUnits + 1)];
        h[0] = (byte) next;
        h[1] = (byte) lengthUnits;
        return h;
    }

    /** An AH header: its length field counts 4-byte words minus 2. */
    static byte[] authHeader(int next, int payloadLenField) {
        byte[] h = new byte[4 * (payloadLenField + 2)];
        h[0] = (byte) next;
        h[1] = (byte) payloadLenField;
        return h;
    }

    static byte[] fragmentHeader(int next, int offsetUnits, boolean more) {
        byte[] h = new byte[8];
        h[0] = (byte) next;
        putShort(h, 2, offsetUnits << 3 | (more ? 1 : 0));
        h[7] = 42; // identification
        return h;
    }

    static byte[] concat(byte[]... parts) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (byte[] part : parts) {
            out.writeBytes(part);
        }
        return out.toByteArray();
    }

    static byte[] v4(String dotted) {
        String[] parts = dotted.split("\\.");
        byte[] b = new byte[4];
        for (int i = 0; i < 4; i++) {
            b[i] = (byte) Integer.parseInt(parts[i]);
        }
        return b;
    }

    static byte[] v6(String text) {
        try {
            byte[] b = java.net.InetAddress.getByName(text).getAddress();
            if (b.length != 16) {
                throw new IllegalArgumentException(text);
            }
            return b;
        } catch (java.net.UnknownHostException e) {
            throw new IllegalArgumentException(text, e);
        }
    }

    static void putShort(byte[] p, int at, int v) {
        p[at] = (byte) (v >>> 8);
        p[at + 1] = (byte) v;
    }
}
