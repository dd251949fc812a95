package dev.braid.core.tun;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.netty.buffer.ByteBufUtil;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.LongAdder;
import java.util.concurrent.locks.ReentrantReadWriteLock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A Linux TUN device opened through {@code /dev/net/tun} with jnr-ffi ({@code IFF_TUN |
 * IFF_NO_PI}). The device exists while this object is open and disappears when it is closed (it is
 * not made persistent).
 *
 * <p>Reads: the fd is non-blocking; {@link #readBatch} drains it with read(2) straight into direct
 * ByteBufs from the allocator (no copy when the buffer has a memory address) and, when empty,
 * blocks in poll(2) on the TUN fd plus an eventfd that {@link #close} signals, so a blocked reader
 * wakes at once. Call it from one dedicated thread ({@link TunReader}), never from an event loop.
 *
 * <p>Writes go straight to write(2); TUN writes do not block.
 */
public final class LinuxTun implements TunDevice {
    public static final String DEFAULT_DEVICE_PATH = "/dev/net/tun";

    static final long TUNSETIFF = 0x400454CAL;
    static final long SIOCGIFMTU = 0x8921L;
    static final short IFF_TUN = 0x0001;
    static final short IFF_MULTI_QUEUE = 0x0100;
    static final short IFF_NO_PI = 0x1000;
    private static final int DEFAULT_MTU = 1500;

    private static final Logger log = LoggerFactory.getLogger(LinuxTun.class);

    private final LibC libc = LibC.Holder.LIBC;
    private final String name;
    private final int tunFd;
    private final int wakeFd;
    private final int controlFd;
    private final ByteBufAllocator allocator;
    private final int headroom;
    private final int tailroom;
    private final byte[] pollFds = new byte[16];
    private final AtomicBoolean closed = new AtomicBoolean();
    /** Read side held by readBatch/write/mtu while they use the fds; write side by close. */
    private final ReentrantReadWriteLock fdLock = new ReentrantReadWriteLock();
    private final LongAdder writeDrops = new LongAdder();
    private final Set<Integer> loggedWriteErrnos = ConcurrentHashMap.newKeySet();
    private volatile int lastMtu = DEFAULT_MTU;

    private LinuxTun(String name, int tunFd, int wakeFd, int controlFd, ByteBufAllocator allocator,
            TunOptions options) {
        this.name = name;
        this.headroom = options.headroom();
        this.tailroom = options.tailroom();
        this.tunFd = tunFd;
        this.wakeFd = wakeFd;
        this.controlFd = controlFd;
        this.allocator = allocator;
    }

    /**
     * Creates (or attaches to a pre-created, user-owned) TUN device.
     *
     * @param namePattern an interface name, or a pattern such as {@code braid%d} for the kernel to
     *     number; {@link #name()} returns the name the kernel chose
     * @param allocator where read buffers come from (use a pooled direct allocator)
     * @throws TunException with a one-sentence message saying what to do
     */
    public static LinuxTun open(String namePattern, ByteBufAllocator allocator) {
        return open(namePattern, allocator, TunOptions.DEFAULT);
    }

    /** As {@link #open(String, ByteBufAllocator)}, with a clone-device path and buffer layout. */
    public static LinuxTun open(String namePattern, ByteBufAllocator allocator, TunOptions options) {
        return open(namePattern, allocator, options, (short) (IFF_TUN | IFF_NO_PI));
    }

    /**
     * Opens {@code queues} queues of one multi-queue TUN device ({@code IFF_MULTI_QUEUE}); the
     * kernel spreads flows across them, so give each its own {@link TunReader}. The device
     * disappears when the last queue is closed.
     */
    public static List<LinuxTun> openMultiQueue(String namePattern, int queues, ByteBufAllocator allocator,
            TunOptions options) {
        if (queues < 1) {
            throw new IllegalArgumentException("queues must be >= 1, got " + queues);
        }
        short flags = (short) (IFF_TUN | IFF_NO_PI | IFF_MULTI_QUEUE);
        List<LinuxTun> opened = new ArrayList<>(queues);
        try {
            opened.add(open(namePattern, allocator, options, flags));
            String resolved = opened.get(0).name();
            for (int i = 1; i < queues; i++) {
                opened.add(open(resolved, allocator, options, flags));
            }
            return opened;
        } catch (RuntimeException e) {
            opened.forEach(LinuxTun::close);
            throw e;
        }
    }

    private static LinuxTun open(String namePattern, ByteBufAllocator allocator, TunOptions options, short flags) {
        Objects.requireNonNull(allocator, "allocator");
        String devicePath = options.devicePath();
        Ifreq.validateName(namePattern);
        LibC libc = LibC.Holder.LIBC;
        int fd = libc.open(devicePath, LibC.O_RDWR | LibC.O_NONBLOCK | LibC.O_CLOEXEC);
        if (fd < 0) {
            throw TunErrors.openFailed(devicePath, namePattern, LibC.Holder.errno());
        }
        int wake = -1;
        int control = -1;
        try {
            byte[] ifreq = Ifreq.withFlags(namePattern, flags);
            if (libc.ioctl(fd, TUNSETIFF, ifreq) < 0) {
                throw TunErrors.setIffFailed(namePattern, LibC.Holder.errno());
            }
            String name = Ifreq.name(ifreq);
            wake = libc.eventfd(0, LibC.EFD_CLOEXEC | LibC.EFD_NONBLOCK);
            if (wake < 0) {
                throw TunErrors.syscallFailed("eventfd", name, LibC.Holder.errno());
            }
            control = libc.socket(LibC.AF_INET, LibC.SOCK_DGRAM | LibC.SOCK_CLOEXEC, 0);
            if (control < 0) {
                throw TunErrors.syscallFailed("socket", name, LibC.Holder.errno());
            }
            LinuxTun tun = new LinuxTun(name, fd, wake, control, allocator, options);
            tun.lastMtu = tun.queryMtu();
            log.info("Opened TUN device {} (fd {}, mtu {})", name, fd, tun.lastMtu);
            return tun;
        } catch (RuntimeException e) {
            closeQuietly(libc, control);
            closeQuietly(libc, wake);
            closeQuietly(libc, fd);
            throw e;
        }
    }

    @Override
    public String name() {
        return name;
    }

    /** The MTU as the kernel has it now (SIOCGIFMTU), so changes by {@code ip link set} show. */
    @Override
    public int mtu() {
        fdLock.readLock().lock();
        try {
            if (!closed.get()) {
                lastMtu = queryMtu();
            }
            return lastMtu;
        } finally {
            fdLock.readLock().unlock();
        }
    }

    /**
     * {@inheritDoc}
     *
     * <p>Each buffer is a direct buffer with room for an MTU-sized packet plus the configured
     * headroom (before readerIndex) and tailroom; it can still grow beyond that.
     */
    @Override
    public int readBatch(List<ByteBuf> out, int max) {
        if (max < 1) {
            throw new IllegalArgumentException("max must be >= 1, got " + max);
        }
        fdLock.readLock().lock();
        try {
            if (closed.get()) {
                return -1;
            }
            int size = Math.max(queryMtu(), 68);
            int count = 0;
            ByteBuf spare = null;
            try {
                while (count < max && !closed.get()) {
                    if (spare == null) {
                        spare = allocator.directBuffer(headroom + size + tailroom);
                        spare.setIndex(headroom, headroom);
                    }
                    long n = readInto(spare, size);
                    if (n > 0) {
                        out.add(spare);
                        spare = null;
                        count++;
                        continue;
                    }
                    int errno = n == 0 ? Errno.EIO : LibC.Holder.errno();
                    if (errno == Errno.EINTR) {
                        continue;
                    }
                    if (count > 0) {
                        break; // hand over what we have; a persistent error shows on the next call
                    }
                    if (errno == Errno.EAGAIN) {
                        awaitReadable();
                        continue;
                    }
                    throw TunErrors.readFailed(name, errno);
                }
            } finally {
                if (spare != null) {
                    spare.release();
                }
            }
            return count == 0 ? -1 : count;
        } finally {
            fdLock.readLock().unlock();
        }
    }

    /** Reads one packet of up to {@code size} bytes at buf's writerIndex; returns read(2)'s result. */
    private long readInto(ByteBuf buf, int size) {
        if (buf.hasMemoryAddress()) {
            long n = libc.read(tunFd, buf.memoryAddress() + buf.writerIndex(), size);
            if (n > 0) {
                buf.writerIndex(buf.writerIndex() + (int) n);
            }
            return n;
        }
        byte[] heap = new byte[size]; // fallback when Netty has no Unsafe: one extra copy
        long n = libc.read(tunFd, heap, size);
        if (n > 0) {
            buf.writeBytes(heap, 0, (int) n);
        }
        return n;
    }

    /** Blocks until the TUN fd is readable or close() signalled the wake fd. */
    private void awaitReadable() {
        ByteBuffer fds = ByteBuffer.wrap(pollFds).order(ByteOrder.nativeOrder());
        fds.putInt(0, tunFd).putShort(4, LibC.POLLIN).putShort(6, (short) 0);
        fds.putInt(8, wakeFd).putShort(12, LibC.POLLIN).putShort(14, (short) 0);
        if (libc.poll(pollFds, 2, -1) < 0) {
            int errno = LibC.Holder.errno();
            if (errno == Errno.EINTR) {
                return;
            }
            throw TunErrors.syscallFailed("poll", name, errno);
        }
        short tunEvents = fds.getShort(6);
        if (fds.getShort(14) != 0 || closed.get()) {
            return; // closing: the loop sees the flag
        }
        if ((tunEvents & (LibC.POLLERR | LibC.POLLHUP | LibC.POLLNVAL)) != 0) {
            throw TunErrors.deviceGone(name);
        }
    }

    /**
     * {@inheritDoc}
     *
     * <p>A failed write (for example EIO while the link is down) is logged once per errno and
     * counted.
     */
    @Override
    public void write(ByteBuf packet) {
        try {
            fdLock.readLock().lock();
            try {
                if (closed.get()) {
                    writeDrops.increment();
                    return;
                }
                int len = packet.readableBytes();
                long n;
                do {
                    if (packet.hasMemoryAddress()) {
                        n = libc.write(tunFd, packet.memoryAddress() + packet.readerIndex(), len);
                    } else {
                        n = libc.write(tunFd, ByteBufUtil.getBytes(packet), len);
                    }
                } while (n < 0 && LibC.Holder.errno() == Errno.EINTR);
                if (n < 0) {
                    recordWriteError(LibC.Holder.errno());
                }
            } finally {
                fdLock.readLock().unlock();
            }
        } finally {
            packet.release();
        }
    }

    private void recordWriteError(int errno) {
        writeDrops.increment();
        if (loggedWriteErrnos.add(errno)) {
            log.warn("TUN {} refused a packet: {}; dropping such packets (logged once)",
                    name, LibC.Holder.describe(errno));
        } else if (log.isDebugEnabled()) {
            log.debug("TUN {} refused a packet: {}", name, LibC.Holder.describe(errno));
        }
    }

    @Override
    public long writeDrops() {
        return writeDrops.sum();
    }

    @Override
    public void close() {
        if (!closed.compareAndSet(false, true)) {
            return;
        }
        byte[] one = new byte[8];
        ByteBuffer.wrap(one).order(ByteOrder.nativeOrder()).putLong(0, 1L);
        libc.write(wakeFd, one, 8); // wakes a reader blocked in poll
        fdLock.writeLock().lock(); // waits until that reader (and writers) left the fds
        try {
            closeQuietly(libc, tunFd);
            closeQuietly(libc, controlFd);
            closeQuietly(libc, wakeFd);
        } finally {
            fdLock.writeLock().unlock();
        }
        log.info("Closed TUN device {}", name);
    }

    @Override
    public String toString() {
        return "LinuxTun[" + name + "]";
    }

    private int queryMtu() {
        byte[] ifreq = Ifreq.withName(name);
        if (libc.ioctl(controlFd, SIOCGIFMTU, ifreq) < 0) {
            return lastMtu;
        }
        return Ifreq.intValue(ifreq);
    }

    private static void closeQuietly(LibC libc, int fd) {
        if (fd >= 0) {
            libc.close(fd);
        }
    }
}
