package dev.braid.core.client;

import dev.braid.core.net.SocketOptions;
import dev.braid.core.session.Session;
import dev.braid.core.tun.TunDevice;
import io.netty.channel.Channel;
import java.net.Inet6Address;
import java.net.InetSocketAddress;
import java.net.NetworkInterface;
import java.net.SocketException;
import java.util.concurrent.Executor;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The client's I/O side of path MTU probing (the logic is the session's, sans I/O): link sockets
 * in probe mode, each link's probe ceiling from its interface, the TUN's MTU following the
 * session's tunnel MTU.
 */
final class LinkPathMtu {
    private static final Logger log = LoggerFactory.getLogger(LinkPathMtu.class);
    /** The ceiling of a link not bound to an interface: Ethernet's MTU. */
    static final int DEFAULT_CEILING = 1500;

    private LinkPathMtu() {}

    /**
     * DF on every datagram of the link's socket and no local fragmentation, so an oversized probe
     * is lost rather than carried in fragments. Without it (a NIO channel in tests, an old kernel)
     * the link still works; probes may then pass as fragments after an ICMP, and say so.
     */
    static void prepareSocket(Channel channel, String linkName) {
        try {
            boolean ipv6 = ((InetSocketAddress) channel.localAddress()).getAddress() instanceof Inet6Address;
            SocketOptions.probePathMtu(SocketOptions.fdOf(channel), ipv6);
        } catch (RuntimeException e) {
            log.warn("link {}: cannot set path MTU probe mode ({}); its probes may pass in fragments", linkName,
                    e.getMessage());
        }
    }

    /** The largest probe for a link: its interface's MTU, or 1500 when the link names no interface. */
    static int ceiling(String interfaceName) {
        if (interfaceName.isEmpty()) {
            return DEFAULT_CEILING;
        }
        try {
            NetworkInterface nic = NetworkInterface.getByName(interfaceName);
            return nic == null ? DEFAULT_CEILING : nic.getMTU();
        } catch (SocketException e) {
            return DEFAULT_CEILING;
        }
    }

    /**
     * Sets {@code tun}'s MTU to what {@code session} needs now, on {@code worker}: reading the
     * device's MTU (an ioctl under its fd lock) and {@code ip link} both block.
     */
    static void follow(Session session, TunDevice tun, Executor worker) {
        if (tun == null) {
            return;
        }
        int mtu = session.mtu().tunDeviceMtu();
        worker.execute(() -> {
            try {
                if (tun.mtu() != mtu) {
                    tun.setMtu(mtu);
                }
            } catch (RuntimeException e) {
                log.warn("could not set the MTU of {} to {}: {}", tun.name(), mtu, e.getMessage());
            }
        });
    }
}
