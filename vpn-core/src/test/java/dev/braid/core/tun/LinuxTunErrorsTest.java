package dev.braid.core.tun;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.netty.buffer.UnpooledByteBufAllocator;
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
    void permissionMessageNamesAllThreeRemedies() {
        TunException e = TunErrors.setIffFailed("braid%d", Errno.EPERM);

        assertEquals(TunException.Reason.PERMISSION_DENIED, e.reason());
        assertEquals("creating TUN device braid%d needs CAP_NET_ADMIN: run as root, or `setcap"
                + " cap_net_admin+ep` on the java binary, or pre-create it with"
                + " `ip tuntap add mode tun user $USER name braid0`", e.getMessage());
    }
}
