package dev.braid.core.tun;

import dev.braid.core.tun.TunException.Reason;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Optional;
import java.util.Set;

/** Turns errno values from the TUN system calls into one-sentence, actionable TunExceptions. */
final class TunErrors {
    private TunErrors() {}

    static TunException openFailed(String path, String name, int errno) {
        switch (errno) {
            case Errno.ENOENT:
            case Errno.ENODEV:
            case Errno.ENXIO:
                return new TunException(Reason.DEVICE_MISSING, errno, path + " is missing"
                        + " (" + LibC.Holder.describe(errno) + "): load the tun module (modprobe tun)"
                        + " or, in a container, add the device (docker run --device " + path + ")");
            case Errno.EPERM:
            case Errno.EACCES:
                Optional<String> closedMode = modeClosedToOthers(path);
                if (closedMode.isPresent()) {
                    return new TunException(Reason.PERMISSION_DENIED, errno, "opening " + path + " was refused ("
                            + LibC.Holder.describe(errno) + "): the device is mode " + closedMode.get()
                            + ", which CAP_NET_ADMIN does not pass; make it 0666 as udev does (chmod 0666 " + path
                            + "; creating a TUN device still needs CAP_NET_ADMIN)");
                }
                return new TunException(Reason.PERMISSION_DENIED, errno, "opening " + path
                        + " was refused (" + LibC.Holder.describe(errno) + "): creating a TUN device needs"
                        + " CAP_NET_ADMIN, so " + capNetAdminAdvice(name));
            default:
                return new TunException(Reason.IO, errno, "opening " + path + " failed ("
                        + LibC.Holder.describe(errno) + "): check that it is the TUN clone device");
        }
    }

    static TunException setIffFailed(String name, int errno) {
        switch (errno) {
            case Errno.EPERM:
            case Errno.EACCES:
                return new TunException(Reason.PERMISSION_DENIED, errno,
                        "creating TUN device " + name + " needs CAP_NET_ADMIN: " + capNetAdminAdvice(name));
            case Errno.EBUSY:
                return new TunException(Reason.NAME_IN_USE, errno, "TUN device " + name
                        + " is already in use by another process: stop that process (another Braid?),"
                        + " choose another name, or if it is a stale leftover remove it with"
                        + " `ip link delete " + name + "`");
            case Errno.EINVAL:
                return new TunException(Reason.INVALID_NAME, errno, "network device " + name
                        + " already exists but is not a TUN device with matching flags: choose another name,"
                        + " or if it is a leftover remove it with `ip link delete " + name + "`");
            default:
                return new TunException(Reason.IO, errno, "creating TUN device " + name + " failed ("
                        + LibC.Holder.describe(errno) + "): check the kernel log (dmesg)");
        }
    }

    static TunException readFailed(String name, int errno) {
        if (errno == Errno.EBADFD || errno == Errno.EBADF) {
            return deviceGone(name);
        }
        return new TunException(Reason.IO, errno, "reading from TUN device " + name + " failed ("
                + LibC.Holder.describe(errno) + "): restart Braid if it persists");
    }

    static TunException deviceGone(String name) {
        return new TunException(Reason.DEVICE_GONE, Errno.EBADFD, "TUN device " + name
                + " was removed while in use (ip link delete?): restart Braid to recreate it");
    }

    static TunException syscallFailed(String call, String name, int errno) {
        return new TunException(Reason.IO, errno, call + " for TUN device " + name + " failed ("
                + LibC.Holder.describe(errno) + "): check the process's file-descriptor limit (ulimit -n)");
    }

    /** One clause naming the ways to get CAP_NET_ADMIN for a TUN device. */
    private static String capNetAdminAdvice(String name) {
        String concrete = name.replace("%d", "0");
        return "run as root, or with the capability (the package's units: AmbientCapabilities=CAP_NET_ADMIN),"
                + " or `setcap cap_net_admin+ep` on the java binary, or pre-create it with"
                + " `ip tuntap add mode tun user $USER name " + concrete + "`";
    }

    /**
     * The clone device's mode when others may not read and write it (a container's or a minimal
     * /dev without udev's 0666): then the capability is not what is missing.
     */
    static Optional<String> modeClosedToOthers(String path) {
        try {
            Set<PosixFilePermission> mode = Files.getPosixFilePermissions(Path.of(path));
            if (mode.contains(PosixFilePermission.OTHERS_READ) && mode.contains(PosixFilePermission.OTHERS_WRITE)) {
                return Optional.empty();
            }
            return Optional.of(PosixFilePermissions.toString(mode));
        } catch (IOException | UnsupportedOperationException | SecurityException e) {
            return Optional.empty();
        }
    }
}
