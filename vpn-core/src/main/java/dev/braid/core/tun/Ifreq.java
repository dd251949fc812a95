package dev.braid.core.tun;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;

/**
 * {@code struct ifreq} on Linux x86_64/aarch64: {@code ifr_name[16]} at offset 0, then a 24-byte
 * union at offset 16 holding {@code ifr_flags} (short) or {@code ifr_mtu} (int). The whole struct
 * is 40 bytes and TUNSETIFF copies all 40 back, so buffers must be 40 bytes (not the 20 a
 * short/int union suggests).
 */
final class Ifreq {
    static final int SIZE = 40;
    static final int NAME_OFFSET = 0;
    static final int IFNAMSIZ = 16;
    static final int UNION_OFFSET = 16;

    private Ifreq() {}

    /** A 40-byte ifreq with the NUL-terminated name and {@code ifr_flags}. */
    static byte[] withFlags(String name, short flags) {
        ByteBuffer b = blank(name);
        b.putShort(UNION_OFFSET, flags);
        return b.array();
    }

    /** A 40-byte ifreq with the name only (for SIOCGIFMTU, which fills {@code ifr_mtu}). */
    static byte[] withName(String name) {
        return blank(name).array();
    }

    static String name(byte[] ifreq) {
        int end = 0;
        while (end < IFNAMSIZ && ifreq[NAME_OFFSET + end] != 0) {
            end++;
        }
        return new String(ifreq, NAME_OFFSET, end, StandardCharsets.US_ASCII);
    }

    static short flags(byte[] ifreq) {
        return order(ifreq).getShort(UNION_OFFSET);
    }

    static int intValue(byte[] ifreq) {
        return order(ifreq).getInt(UNION_OFFSET);
    }

    /**
     * Checks a device name or pattern as the kernel would ({@code dev_valid_name}): 1..15 ASCII
     * characters, no '/', ':' or whitespace; {@code %d} lets the kernel pick a number.
     */
    static void validateName(String name) {
        boolean ok = name != null && !name.isEmpty() && name.length() < IFNAMSIZ
                && !name.equals(".") && !name.equals("..");
        for (int i = 0; ok && i < name.length(); i++) {
            char c = name.charAt(i);
            ok = c > ' ' && c < 0x7f && c != '/' && c != ':';
        }
        if (!ok) {
            throw new TunException(TunException.Reason.INVALID_NAME, 0,
                    "TUN device name '" + name + "' is invalid: use 1 to 15 ASCII characters"
                            + " without '/', ':' or spaces, for example braid%d");
        }
    }

    private static ByteBuffer blank(String name) {
        validateName(name);
        ByteBuffer b = ByteBuffer.allocate(SIZE).order(ByteOrder.nativeOrder());
        b.put(NAME_OFFSET, name.getBytes(StandardCharsets.US_ASCII));
        return b;
    }

    private static ByteBuffer order(byte[] ifreq) {
        if (ifreq.length != SIZE) {
            throw new IllegalArgumentException("ifreq must be " + SIZE + " bytes, got " + ifreq.length);
        }
        return ByteBuffer.wrap(ifreq).order(ByteOrder.nativeOrder());
    }
}
