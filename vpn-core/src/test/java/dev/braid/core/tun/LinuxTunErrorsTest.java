package dev.braid.core.tun;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.netty.buffer.UnpooledByteBufAllocator;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.api.Test;

/** Error messages that need no root: a missing clone device and a bad name. */
class LinuxTunErrorsTest {

    @Test
    void missingCloneDeviceSaysToLoadTheModuleOrAddTheDevice() {
        TunException e = assertThrows(TunException.class,
                () -> LinuxTun.open("braid%d", UnpooledByteBufAllocator.DEFAULT,
                        TunOptions.DEFAULT.withDevicePath("/nonexistent/net/tun")));

        assertEquals(TunException.Reason.DEVICE_MISSING, e.reason());
        assertEquals(Errno.ENOENT, e.errno());
        assertTrue(e.getMessage().startsWith("/nonexistent/net/tun is missing"), e.getMessage());
        assertTrue(e.getMessage().contains("modprobe tun"), e.getMessage());
        assertTrue(e.getMessage().contains("in a container, add the device"), e.getMessage());
    }

    @Test
    void invalidNameIsRejectedBeforeAnySystemCall() {
        TunException e = assertThrows(TunException.class,
                () -> LinuxTun.open("much-too-long-name", UnpooledByteBufAllocator.DEFAULT,
                        TunOptions.DEFAULT.withDevicePath("/nonexistent")));

        assertEquals(TunException.Reason.INVALID_NAME, e.reason());
        assertTrue(e.getMessage().contains("braid%d"), e.getMessage());
    }

    @Test
    void permissionMessageNamesEveryRemedy() {
        TunException e = TunErrors.setIffFailed("braid%d", Errno.EPERM);

        assertEquals(TunException.Reason.PERMISSION_DENIED, e.reason());
        assertEquals("creating TUN device braid%d needs CAP_NET_ADMIN: run as root, or with the capability"
                + " (the package's units: AmbientCapabilities=CAP_NET_ADMIN), or `setcap"
                + " cap_net_admin+ep` on the java binary, or pre-create it with"
                + " `ip tuntap add mode tun user $USER name braid0`", e.getMessage());
    }

    /** A /dev without udev (containers) has the clone device 0600: the capability does not open it. */
    @Test
    void aCloneDeviceClosedToOthersIsNamedWithItsModeNotTheCapability(@TempDir Path dir) throws IOException {
        Path device = Files.createFile(dir.resolve("tun"), PosixFilePermissions.asFileAttribute(
                PosixFilePermissions.fromString("rw-------")));
        TunException e = TunErrors.openFailed(device.toString(), "braidp0", Errno.EACCES);

        assertEquals(TunException.Reason.PERMISSION_DENIED, e.reason());
        assertTrue(e.getMessage().endsWith("the device is mode rw-------, which CAP_NET_ADMIN does not pass; make it 0666"
                + " as udev does (chmod 0666 " + device + "; creating a TUN device still needs CAP_NET_ADMIN)"), e.getMessage());

        Files.setPosixFilePermissions(device, PosixFilePermissions.fromString("rw-rw-rw-"));
        assertTrue(TunErrors.openFailed(device.toString(), "braidp0", Errno.EACCES).getMessage()
                .contains("creating a TUN device needs CAP_NET_ADMIN, so run as root"));
    }
}
