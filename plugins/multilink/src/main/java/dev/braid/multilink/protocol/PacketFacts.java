package dev.braid.multilink.protocol;

/**
 * What {@link InnerPacketParser} found in one inner IP packet: its flow tuple, DSCP and size. One
 * mutable instance per sender, refilled for every packet, so parsing allocates nothing.
 *
 * <p>Addresses are two longs each: an IPv6 address's high and low 64 bits, an IPv4 address in the
 * low 32 bits of {@code lo} ({@code hi} 0). A packet that cannot be parsed (truncated, bad header
 * lengths, not IP) is {@link #malformed()}: version 0, every tuple field 0, and one shared flow.
 */
public final class PacketFacts {
    int ipVersion;
    int protocol;
    int dscp;
    int totalLength;
    long srcHi;
    long srcLo;
    long dstHi;
    long dstLo;
    int srcPort;
    int dstPort;
    boolean hasPorts;
    boolean fragment;
    boolean malformed;
    int flowHash;

    /** 4, 6, or 0 when the packet could not be parsed. */
    public int ipVersion() {
        return ipVersion;
    }

    /** The upper-layer protocol (IPv6: after the extension headers; for a fragment, the fragment header's). */
    public int protocol() {
        return protocol;
    }

    /** The 6-bit DiffServ code point. */
    public int dscp() {
        return dscp;
    }

    /** The IP header's total length (IPv6: 40 + payload length); the byte count when malformed. */
    public int totalLength() {
        return totalLength;
    }

    public long srcHi() {
        return srcHi;
    }

    public long srcLo() {
        return srcLo;
    }

    public long dstHi() {
        return dstHi;
    }

    public long dstLo() {
        return dstLo;
    }

    /** Source port of TCP, UDP, UDP-Lite or SCTP when {@link #hasPorts()}, else 0. */
    public int srcPort() {
        return srcPort;
    }

    /** Destination port, as {@link #srcPort()}. */
    public int dstPort() {
        return dstPort;
    }

    /** Ports were read (a port protocol, not a fragment). */
    public boolean hasPorts() {
        return hasPorts;
    }

    /** A fragment of a larger datagram (IPv4 MF or offset, IPv6 fragment header that is not atomic). */
    public boolean fragment() {
        return fragment;
    }

    /** Truncated or inconsistent; all such packets are one flow. */
    public boolean malformed() {
        return malformed;
    }

    /** Hash of the flow tuple, well mixed in every bit. */
    public int flowHash() {
        return flowHash;
    }

    /**
     * Version, protocol and the fragment/malformed bits in one int: with the addresses and {@link
     * #portPair()} the whole flow key.
     */
    int keyMeta() {
        return ipVersion << 16 | protocol << 8 | (fragment ? 1 : 0) | (malformed ? 2 : 0);
    }

    /** Source port in the high 16 bits, destination port in the low 16 (0 without ports). */
    int portPair() {
        return srcPort << 16 | dstPort;
    }

    void clear() {
        ipVersion = 0;
        protocol = 0;
        dscp = 0;
        totalLength = 0;
        srcHi = 0;
        srcLo = 0;
        dstHi = 0;
        dstLo = 0;
        srcPort = 0;
        dstPort = 0;
        hasPorts = false;
        fragment = false;
        malformed = false;
        flowHash = 0;
    }

    @Override
    public String toString() {
        return FlowTuples.describe(keyMeta(), srcHi, srcLo, dstHi, dstLo, portPair());
    }
}
