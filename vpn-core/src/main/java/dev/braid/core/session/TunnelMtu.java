package dev.braid.core.session;

import dev.braid.core.wire.BraidHeader;
import dev.braid.core.wire.TcpMssClamp;
import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.Collection;

/**
 * A session's effective tunnel MTU: the configured {@code mtu}, lowered to what every up link with
 * a known path MTU carries whole (its path MTU less that link's overhead: outer IP of its family,
 * UDP, Braid header, tag, data path header), and the MSS clamp that follows it. The tunnel MTU is
 * lowered rather than a tunnel datagram split per link: inner TCP then never needs fragments
 * (docs/protocol.md, "Path MTU").
 */
final class TunnelMtu {
    static final int IPV4_HEADER = 20;
    static final int IPV6_HEADER = 40;
    static final int UDP_HEADER = 8;
    /** IPv6 inside the tunnel needs 1280 (RFC 8200); Linux removes IPv6 from a smaller device. */
    static final int IPV6_MIN_MTU = 1280;

    /** Bytes of a DATA datagram around the inner packet, outer IP and UDP aside. */
    private final int datagramOverhead;
    private int configured;
    private int current;
    private TcpMssClamp clamp;

    TunnelMtu(int configured, int tagBytes, int dataHeaderBytes) {
        this.datagramOverhead = BraidHeader.LENGTH + tagBytes + dataHeaderBytes;
        configure(configured);
    }

    void configure(int configuredMtu) {
        this.configured = configuredMtu;
        set(configuredMtu);
    }

    int configured() {
        return configured;
    }

    int current() {
        return current;
    }

    TcpMssClamp clamp() {
        return clamp;
    }

    /** Whole-packet overhead on {@code link}: what its path MTU loses to carry one inner packet. */
    int overhead(Link link) {
        return ipHeader(link.remoteAddress()) + UDP_HEADER + datagramOverhead;
    }

    /** Recomputes from {@code links}. @return true if the value changed */
    boolean update(Collection<Link> links) {
        int mtu = configured;
        for (Link link : links) {
            if (link.isUp() && link.pathMtu() > 0) {
                mtu = Math.min(mtu, link.pathMtu() - overhead(link));
            }
        }
        mtu = Math.max(mtu, 68);
        if (mtu == current) {
            return false;
        }
        set(mtu);
        return true;
    }

    private void set(int mtu) {
        current = mtu;
        clamp = new TcpMssClamp(mtu);
    }

    static int ipHeader(InetSocketAddress remote) {
        return isIpv6(remote) ? IPV6_HEADER : IPV4_HEADER;
    }

    /** Whether the path to {@code remote} is IPv6 (an IPv4-mapped address on a dual-stack socket is IPv4). */
    static boolean isIpv6(InetSocketAddress remote) {
        if (remote == null) {
            return false;
        }
        InetAddress address = remote.getAddress();
        if (address instanceof Inet4Address || address == null) {
            return false;
        }
        byte[] b = ((Inet6Address) address).getAddress();
        for (int i = 0; i < 10; i++) {
            if (b[i] != 0) {
                return true;
            }
        }
        return !(b[10] == (byte) 0xff && b[11] == (byte) 0xff);
    }
}
