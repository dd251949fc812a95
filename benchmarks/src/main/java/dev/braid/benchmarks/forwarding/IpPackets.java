package dev.braid.benchmarks.forwarding;

/** The IPv4/UDP packet the load generator sends, built once as a template. */
final class IpPackets {
    static final int MIN_SIZE = 28;

    private IpPackets() {}

    /** An IPv4 UDP packet of {@code size} bytes in total from {@code src} to {@code dst}. */
    static byte[] udp(int src, int dst, int size) {
        byte[] p = new byte[size];
        p[0] = 0x45;
        putShort(p, 2, size);
        putShort(p, 6, 0x4000); // don't fragment
        p[8] = 64;
        p[9] = 17;
        putInt(p, 12, src);
        putInt(p, 16, dst);
        putShort(p, 10, checksum(p, 20));
        putShort(p, 20, 40000);
        putShort(p, 22, 9);
        putShort(p, 24, size - 20);
        for (int i = MIN_SIZE; i < size; i++) {
            p[i] = (byte) i;
        }
        return p;
    }

    private static int checksum(byte[] p, int length) {
        int sum = 0;
        for (int i = 0; i < length; i += 2) {
            sum += (p[i] & 0xff) << 8 | (p[i + 1] & 0xff);
        }
        while (sum >>> 16 != 0) {
            sum = (sum & 0xffff) + (sum >>> 16);
        }
        return ~sum & 0xffff;
    }

    private static void putShort(byte[] p, int at, int v) {
        p[at] = (byte) (v >>> 8);
        p[at + 1] = (byte) v;
    }

    private static void putInt(byte[] p, int at, int v) {
        putShort(p, at, v >>> 16);
        putShort(p, at + 2, v);
    }
}
