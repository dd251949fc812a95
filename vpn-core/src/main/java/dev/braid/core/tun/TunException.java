package dev.braid.core.tun;

/**
 * A TUN device failure. The message is one sentence that says what to do; the CLI prints it
 * verbatim.
 */
public final class TunException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    /** Why the operation failed, for callers that react differently per cause. */
    public enum Reason {
        /** {@code /dev/net/tun} (or the configured path) is missing or the tun driver is absent. */
        DEVICE_MISSING,
        /** The process lacks CAP_NET_ADMIN or the device belongs to another user. */
        PERMISSION_DENIED,
        /** Another process holds a device of that name. */
        NAME_IN_USE,
        /** The name is malformed or belongs to a device that is not a TUN. */
        INVALID_NAME,
        /** The device vanished while in use (for example {@code ip link delete}). */
        DEVICE_GONE,
        /** Any other system-call failure. */
        IO
    }

    private final Reason reason;
    private final int errno;

    public TunException(Reason reason, int errno, String message) {
        super(message);
        this.reason = reason;
        this.errno = errno;
    }

    public Reason reason() {
        return reason;
    }

    /** The C errno behind the failure, or 0 when there was none. */
    public int errno() {
        return errno;
    }

    /** True for errors worth retrying at once (EINTR, EAGAIN). */
    public boolean isTransient() {
        return errno == Errno.EINTR || errno == Errno.EAGAIN;
    }
}
