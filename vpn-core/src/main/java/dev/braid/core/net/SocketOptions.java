package dev.braid.core.net;

import io.netty.channel.Channel;
import io.netty.channel.unix.UnixChannel;
import java.nio.charset.StandardCharsets;
import jnr.ffi.LibraryLoader;
import jnr.ffi.Runtime;

/**
 * Socket options Netty does not expose, set through jnr-ffi on the socket's fd.
 *
 * <p><b>SO_BINDTODEVICE</b> pins a link's UDP socket to one interface (Wi-Fi, LTE, ...). The
 * first bind of an unbound socket needs no capability since Linux 5.7; rebinding needs
 * CAP_NET_RAW. The FIB lookup is then restricted to that device, so a route through it must
 * exist.
 *
 * <p><b>Alternative without any capability:</b> bind the socket to the interface's own source
 * address and add policy routing, {@code ip rule add from <ip> table N} plus {@code ip route add
 * default via <gw> dev <if> table N} (and {@code rp_filter=2}); re-bind when DHCP changes the
 * address. This is what MULTI and multihomed routing do.
 */
public final class SocketOptions {
    static final int SOL_SOCKET = 1;
    static final int SO_BINDTODEVICE = 25;
    static final int IPPROTO_IPV6 = 41;
    static final int IPV6_V6ONLY = 26;
    static final int IPPROTO_IP = 0;
    static final int IP_MTU_DISCOVER = 10;
    static final int IPV6_MTU_DISCOVER = 23;
    /** IP_PMTUDISC_PROBE and IPV6_PMTUDISC_PROBE: DF set, never fragmented locally, learned PMTU ignored. */
    static final int PMTUDISC_PROBE = 3;
    private static final int IFNAMSIZ = 16;

    private SocketOptions() {}

    /** The libc calls used here; public only because jnr-ffi implements it in its own loader. */
    public interface SocketLibC {
        @jnr.ffi.annotations.SaveError
        int setsockopt(int fd, int level, int optname, @jnr.ffi.annotations.In byte[] optval, int optlen);

        @jnr.ffi.annotations.SaveError
        int getsockopt(int fd, int level, int optname, @jnr.ffi.annotations.Out byte[] optval,
                @jnr.ffi.annotations.In @jnr.ffi.annotations.Out int[] optlen);

        String strerror(int errnum);
    }

    private static final class Native {
        static final SocketLibC LIBC = LibraryLoader.create(SocketLibC.class).load("c");
        static final Runtime RUNTIME = Runtime.getRuntime(LIBC);
    }

    /**
     * Binds socket {@code fd} to interface {@code ifname} (SO_BINDTODEVICE).
     *
     * @throws SocketOptionException with the errno text and what to do
     */
    public static void bindToDevice(int fd, String ifname) {
        byte[] name = ifname.getBytes(StandardCharsets.US_ASCII);
        if (name.length == 0 || name.length >= IFNAMSIZ) {
            throw new IllegalArgumentException("interface name '" + ifname + "' must be 1..15 characters");
        }
        byte[] value = new byte[name.length + 1]; // "name\0"
        System.arraycopy(name, 0, value, 0, name.length);
        if (Native.LIBC.setsockopt(fd, SOL_SOCKET, SO_BINDTODEVICE, value, value.length) < 0) {
            int errno = Native.RUNTIME.getLastError();
            String hint = switch (errno) {
                case 19 -> "check that interface " + ifname + " exists (ip link show)";
                case 1 -> "rebinding a bound socket needs CAP_NET_RAW (and any bind needs it before"
                        + " Linux 5.7): run as root or bind by source address with policy routing";
                case 9, 88 -> "pass the fd of an open socket";
                default -> "check the interface name and the socket";
            };
            throw new SocketOptionException(errno, "binding socket fd " + fd + " to interface " + ifname
                    + " failed (" + Native.LIBC.strerror(errno) + ", errno " + errno + "): " + hint);
        }
    }

    /**
     * The interface socket {@code fd} is bound to with SO_BINDTODEVICE, or "" if none (use it to
     * verify a bind that Netty only logs on failure).
     */
    public static String boundDevice(int fd) {
        byte[] value = new byte[IFNAMSIZ];
        int[] length = {IFNAMSIZ};
        if (Native.LIBC.getsockopt(fd, SOL_SOCKET, SO_BINDTODEVICE, value, length) < 0) {
            int errno = Native.RUNTIME.getLastError();
            throw new SocketOptionException(errno, "reading SO_BINDTODEVICE of socket fd " + fd
                    + " failed (" + Native.LIBC.strerror(errno) + ", errno " + errno + "): pass the fd of an open socket");
        }
        int end = 0;
        while (end < Math.min(length[0], IFNAMSIZ) && value[end] != 0) {
            end++;
        }
        return new String(value, 0, end, StandardCharsets.US_ASCII);
    }

    /**
     * Whether IPv6 socket {@code fd} refuses IPv4 (IPV6_V6ONLY), so that the proxy's log says
     * what its socket serves rather than what the sysctl default would be.
     */
    public static boolean ipv6Only(int fd) {
        byte[] value = new byte[4];
        int[] length = {4};
        if (Native.LIBC.getsockopt(fd, IPPROTO_IPV6, IPV6_V6ONLY, value, length) < 0) {
            int errno = Native.RUNTIME.getLastError();
            throw new SocketOptionException(errno, "reading IPV6_V6ONLY of socket fd " + fd
                    + " failed (" + Native.LIBC.strerror(errno) + ", errno " + errno + "): pass the fd of an IPv6 socket");
        }
        return value[0] != 0 || value[1] != 0 || value[2] != 0 || value[3] != 0;
    }

    /**
     * Puts socket {@code fd} in path-MTU probe mode ({@code IP_MTU_DISCOVER} =
     * {@code IP_PMTUDISC_PROBE}, and {@code IPV6_MTU_DISCOVER} too for an IPv6 socket): every
     * datagram leaves with DF set and is never fragmented by this host, whatever path MTU the
     * kernel learned from ICMP, so a probe larger than the path is dropped on the way rather than
     * passed in fragments. A datagram larger than the interface MTU fails with EMSGSIZE.
     *
     * @throws SocketOptionException with the errno text
     */
    public static void probePathMtu(int fd, boolean ipv6Socket) {
        if (ipv6Socket) {
            set(fd, IPPROTO_IPV6, IPV6_MTU_DISCOVER, PMTUDISC_PROBE, "IPV6_MTU_DISCOVER");
        }
        // On an IPv6 socket this covers IPv4-mapped peers; an IPv6-only socket may refuse it.
        try {
            set(fd, IPPROTO_IP, IP_MTU_DISCOVER, PMTUDISC_PROBE, "IP_MTU_DISCOVER");
        } catch (SocketOptionException e) {
            if (!ipv6Socket) {
                throw e;
            }
        }
    }

    private static void set(int fd, int level, int option, int value, String name) {
        byte[] bytes = java.nio.ByteBuffer.allocate(4).order(java.nio.ByteOrder.nativeOrder()).putInt(value).array();
        if (Native.LIBC.setsockopt(fd, level, option, bytes, bytes.length) < 0) {
            int errno = Native.RUNTIME.getLastError();
            throw new SocketOptionException(errno, "setting " + name + " on socket fd " + fd + " failed ("
                    + Native.LIBC.strerror(errno) + ", errno " + errno + ")");
        }
    }

    /**
     * The file descriptor of a Netty native-transport channel (epoll), for the calls above.
     *
     * @throws IllegalArgumentException for NIO and other channels, which have no fd to use
     */
    public static int fdOf(Channel channel) {
        if (channel instanceof UnixChannel unix) {
            return unix.fd().intValue();
        }
        throw new IllegalArgumentException("channel " + channel + " (" + channel.getClass().getSimpleName()
                + ") has no native fd: use the epoll transport (EpollDatagramChannel) on Linux");
    }
}
