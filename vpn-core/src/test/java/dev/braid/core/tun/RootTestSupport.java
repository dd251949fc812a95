package dev.braid.core.tun;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.ThreadLocalRandom;

/** Shared guards and unique names for tests that create real devices (CI runs them as root). */
public final class RootTestSupport {
    private RootTestSupport() {}

    public static boolean isRoot() {
        return new com.sun.security.auth.module.UnixSystem().getUid() == 0;
    }

    /** Skips the test unless it runs as root on Linux with /dev/net/tun and iproute2. */
    public static void assumeRootWithTun() {
        assumeTrue(isRoot(), "needs root: creates TUN devices and routes (CI runs as root)");
        assumeTrue(Files.exists(Path.of(LinuxTun.DEFAULT_DEVICE_PATH)), "needs /dev/net/tun");
        assumeTrue(onPath("ip"), "needs iproute2's ip on the PATH");
    }

    public static boolean onPath(String program) {
        String path = System.getenv("PATH");
        if (path == null) {
            return false;
        }
        for (String dir : path.split(File.pathSeparator)) {
            if (Files.isExecutable(Path.of(dir, program))) {
                return true;
            }
        }
        return false;
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
