package dev.braid.core.net;

import io.netty.channel.socket.SocketProtocolFamily;
import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;

/** IPv4 or IPv6: what a UDP socket must be opened as to reach an address of that family. */
public enum IpFamily {
    IPV4("IPv4", "0.0.0.0", SocketProtocolFamily.INET),
    IPV6("IPv6", "::", SocketProtocolFamily.INET6);

    private final String label;
    private final String wildcard;
    private final SocketProtocolFamily socketFamily;

    IpFamily(String label, String wildcard, SocketProtocolFamily socketFamily) {
        this.label = label;
        this.wildcard = wildcard;
        this.socketFamily = socketFamily;
    }

    /** Java parses an IPv4-mapped IPv6 literal (::ffff:10.0.0.1) as an Inet4Address: IPv4, as the kernel sends it. */
    public static IpFamily of(InetAddress address) {
        return address instanceof Inet4Address ? IPV4 : IPV6;
    }

    /** "IPv4" or "IPv6", for messages. */
    public String label() {
        return label;
    }

    /** Any local address of this family, port 0: the bind of a link without {@code local-address}. */
    public InetSocketAddress anyLocal() {
        return new InetSocketAddress(wildcard, 0);
    }

    /** Netty's name for the socket's address family. */
    public SocketProtocolFamily socketFamily() {
        return socketFamily;
    }
}
