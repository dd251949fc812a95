package dev.braid.core.wire;

import io.netty.buffer.ByteBuf;

/**
 * Lowers the MSS option of TCP SYNs entering the tunnel to what the tunnel MTU carries (as
 * iptables' {@code TCPMSS --clamp-mss-to-pmtu}), so inner TCP never needs fragments: a host
 * behind either end (a client that routes a LAN, a server behind the proxy) advertises the MSS of
 * its own 1500-byte interface, and the peer would then send segments the tunnel cannot carry
 * whole. The TCP checksum is updated incrementally (RFC 1624). Packets that are not a TCP SYN
 * with a readable MSS (fragments, IPv6 with extension headers before TCP, truncated options) are
 * left as they are. Works in place without moving the reader index.
 */
public final class TcpMssClamp {
    private static final int TCP = 6;
    private static final int TCP_MIN_HEADER = 20;
    private static final int SYN = 0x02;
    private static final int OPTION_END = 0;
    private static final int OPTION_NOP = 1;
    private static final int OPTION_MSS = 2;

    private final int mss4;
    private final int mss6;

    /** @param tunnelMtu the largest inner packet the tunnel carries, bytes */
    public TcpMssClamp(int tunnelMtu) {
        this.mss4 = tunnelMtu - Ipv4.MIN_HEADER - TCP_MIN_HEADER;
        this.mss6 = tunnelMtu - Ipv6.HEADER - TCP_MIN_HEADER;
    }

    /** Clamps the packet's MSS in place; true if it was lowered. */
    public boolean apply(ByteBuf packet) {
        int ip = packet.readerIndex();
        if (Ipv4.isIpv4(packet)) {
            int headerLength = (packet.getUnsignedByte(ip) & 0x0F) * 4;
            boolean firstFragment = (packet.getUnsignedShort(ip + 6) & 0x1FFF) == 0;
            return headerLength >= Ipv4.MIN_HEADER && firstFragment && packet.getUnsignedByte(ip + 9) == TCP
                    && clamp(packet, ip + headerLength, mss4);
        }
        if (Ipv6.isIpv6(packet)) {
            return packet.getUnsignedByte(ip + 6) == TCP && clamp(packet, ip + Ipv6.HEADER, mss6);
        }
        return false;
    }

    private static boolean clamp(ByteBuf packet, int tcp, int limit) {
        int end = packet.writerIndex();
        if (tcp + TCP_MIN_HEADER > end || (packet.getUnsignedByte(tcp + 13) & SYN) == 0) {
            return false;
        }
        int optionsEnd = Math.min(end, tcp + (packet.getUnsignedByte(tcp + 12) >>> 4) * 4);
        int at = tcp + TCP_MIN_HEADER;
        while (at < optionsEnd) {
            int kind = packet.getUnsignedByte(at);
            if (kind == OPTION_END) {
                return false;
            }
            if (kind == OPTION_NOP) {
                at++;
                continue;
            }
            if (at + 1 >= optionsEnd) {
                return false;
            }
            int length = packet.getUnsignedByte(at + 1);
            if (length < 2 || at + length > optionsEnd) {
                return false;
            }
            if (kind == OPTION_MSS && length == 4) {
                return lower(packet, tcp, at + 2, limit);
            }
            at += length;
        }
        return false;
    }

    private static boolean lower(ByteBuf packet, int tcp, int mssAt, int limit) {
        int mss = packet.getUnsignedShort(mssAt);
        if (mss <= limit) {
            return false;
        }
        packet.setShort(mssAt, limit);
        // The checksum sums 16-bit words from the TCP header's start: after an odd number of NOPs
        // the option straddles two words, and its bytes count swapped.
        boolean straddles = ((mssAt - tcp) & 1) == 1;
        int before = straddles ? swap(mss) : mss;
        int after = straddles ? swap(limit) : limit;
        int checksumAt = tcp + 16;
        int sum = (~packet.getUnsignedShort(checksumAt) & 0xFFFF) + (~before & 0xFFFF) + after;
        sum = (sum & 0xFFFF) + (sum >>> 16);
        sum = (sum & 0xFFFF) + (sum >>> 16);
        packet.setShort(checksumAt, ~sum & 0xFFFF);
        return true;
    }

    private static int swap(int value) {
        return (value & 0xFF) << 8 | value >>> 8;
    }
}
