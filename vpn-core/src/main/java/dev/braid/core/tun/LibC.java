package dev.braid.core.tun;

import jnr.ffi.LibraryLoader;
import jnr.ffi.Runtime;
import jnr.ffi.annotations.In;
import jnr.ffi.annotations.Out;
import jnr.ffi.annotations.SaveError;
import jnr.ffi.types.intptr_t;
import jnr.ffi.types.size_t;
import jnr.ffi.types.ssize_t;
import jnr.ffi.types.u_int64_t;

/**
 * The libc calls the TUN device needs, bound with jnr-ffi. Public only because jnr-ffi generates
 * the implementation in its own class loader; not part of Braid's API.
 */
public interface LibC {
    int O_RDWR = 0x2;
    int O_NONBLOCK = 0x800;
    int O_CLOEXEC = 0x80000;
    int EFD_NONBLOCK = 0x800;
    int EFD_CLOEXEC = 0x80000;
    int AF_INET = 2;
    int SOCK_DGRAM = 2;
    int SOCK_CLOEXEC = 0x80000;
    short POLLIN = 0x1;
    short POLLERR = 0x8;
    short POLLHUP = 0x10;
    short POLLNVAL = 0x20;

    @SaveError
    int open(String path, int flags);

    @SaveError
    int ioctl(int fd, @u_int64_t long request, @In @Out byte[] arg);

    /** Reads into native memory at {@code address} (a direct ByteBuf's memoryAddress). */
    @SaveError
    @ssize_t
    long read(int fd, @intptr_t long address, @size_t long count);

    @SaveError
    @ssize_t
    long read(int fd, @Out byte[] buf, @size_t long count);

    @SaveError
    @ssize_t
    long write(int fd, @intptr_t long address, @size_t long count);

    @SaveError
    @ssize_t
    long write(int fd, @In byte[] buf, @size_t long count);

    /** {@code fds} is an array of 8-byte {@code struct pollfd}. */
    @SaveError
    int poll(@In @Out byte[] fds, @u_int64_t long nfds, int timeoutMillis);

    @SaveError
    int eventfd(int initval, int flags);

    @SaveError
    int socket(int domain, int type, int protocol);

    int close(int fd);

    String strerror(int errnum);

    /** The loaded binding and its runtime (for errno). */
    final class Holder {
        static final LibC LIBC = LibraryLoader.create(LibC.class).load("c");
        static final Runtime RUNTIME = Runtime.getRuntime(LIBC);

        private Holder() {}

        static int errno() {
            return RUNTIME.getLastError();
        }

        static String describe(int errno) {
            return LIBC.strerror(errno) + " (errno " + errno + ")";
        }
    }
}
