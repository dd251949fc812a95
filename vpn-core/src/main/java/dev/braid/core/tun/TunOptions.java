package dev.braid.core.tun;

import java.util.Objects;

/**
 * How {@link LinuxTun} opens the device and lays out its read buffers.
 *
 * @param devicePath the TUN clone device, {@code /dev/net/tun} (injectable for tests)
 * @param headroom bytes left free in front of each packet read, so the core can prepend its
 *     link header in place instead of copying (the packet starts at readerIndex = headroom)
 * @param tailroom bytes of spare capacity after an MTU-sized packet (room for an AEAD tag)
 */
public record TunOptions(String devicePath, int headroom, int tailroom) {
    public static final TunOptions DEFAULT = new TunOptions(LinuxTun.DEFAULT_DEVICE_PATH, 0, 0);

    public TunOptions {
        Objects.requireNonNull(devicePath, "devicePath");
        if (headroom < 0 || tailroom < 0) {
            throw new IllegalArgumentException("headroom and tailroom must be >= 0, got "
                    + headroom + " and " + tailroom);
        }
    }

    public TunOptions withDevicePath(String path) {
        return new TunOptions(path, headroom, tailroom);
    }

    public TunOptions withHeadroom(int bytes) {
        return new TunOptions(devicePath, bytes, tailroom);
    }

    public TunOptions withTailroom(int bytes) {
        return new TunOptions(devicePath, headroom, bytes);
    }
}
