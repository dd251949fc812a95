package dev.braid.e2e;

import dev.braid.testbed.netns.Netns;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Set;

/**
 * /dev/net/tun at udev's mode 0666 for the test (a container's /dev has it 0600, which no capability
 * but CAP_DAC_OVERRIDE opens), put back as it was at {@link #close()}.
 */
final class OpenTunDevice implements AutoCloseable {
    static final Path PATH = Path.of("/dev/net/tun");
    private final Set<PosixFilePermission> before;

    private OpenTunDevice(Set<PosixFilePermission> before) {
        this.before = before;
    }

    static OpenTunDevice open() throws IOException {
        Set<PosixFilePermission> mode = Files.getPosixFilePermissions(PATH);
        OpenTunDevice device = new OpenTunDevice(mode);
        if (!mode.contains(PosixFilePermission.OTHERS_READ) || !mode.contains(PosixFilePermission.OTHERS_WRITE)) {
            System.out.println("[e2e] " + PATH + " is " + PosixFilePermissions.toString(mode) + " here: 0666 (udev's) for the test");
            Netns.host("chmod", "0666", PATH.toString());
        }
        return device;
    }

    @Override
    public void close() throws IOException {
        Files.setPosixFilePermissions(PATH, before);
    }
}
