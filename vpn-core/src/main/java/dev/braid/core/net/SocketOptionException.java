package dev.braid.core.net;

/** Setting or reading a socket option failed; the message carries the errno text and a remedy. */
public final class SocketOptionException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final int errno;

    public SocketOptionException(int errno, String message) {
        super(message);
        this.errno = errno;
    }

    public int errno() {
        return errno;
    }
}
