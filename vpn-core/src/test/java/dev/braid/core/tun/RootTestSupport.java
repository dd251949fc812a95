package dev.braid.core.tun;

import dev.braid.core.testing.Prerequisites;
import java.nio.file.Path;
import java.util.concurrent.ThreadLocalRandom;

/** Shared guards and unique names for tests that create real devices (CI runs them as root). */
public final class RootTestSupport {
    private RootTestSupport() {}

    /** Root, /dev/net/tun and iproute2, by the rule of {@link Prerequisites}: skipped only outside CI and not root. */
    public static Prerequisites requireRootWithTun() {
        return Prerequisites.ofThisRun().root("creates TUN devices and routes")
                .file(Path.of(LinuxTun.DEFAULT_DEVICE_PATH)).tools("ip");
    }

    /** A device name no one else uses: {@code btst} plus four random hex digits. */
    public static String uniqueDeviceName() {
        return String.format("btst%04x", ThreadLocalRandom.current().nextInt(0x10000));
    }

    /** The third octet x of a test-only 10.213.x.0/30. */
    public static int randomSubnetOctet() {
        return ThreadLocalRandom.current().nextInt(256);
    }

    /** Deletes a device if it still exists; for cleanup, never fails. */
    public static void deleteLinkQuietly(String name) {
        try {
            Process p = new ProcessBuilder("ip", "link", "delete", "dev", name)
                    .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
            p.waitFor();
        } catch (Exception e) {
            // best effort
        }
    }
}
