package dev.braid.multilink.protocol;

/**
 * Reads the flow tuple, DSCP and length of an inner IPv4 or IPv6 packet into a reusable {@link
 * PacketFacts}. Never throws and never allocates: whatever does not add up (truncated headers,
 * lengths beyond the bytes, too many IPv6 extension headers) is {@link PacketFacts#malformed()}.
 *
 * <p>Flow keys: a packet with ports (TCP, UDP, UDP-Lite, SCTP) is keyed by protocol, addresses
 * and ports; a fragment by protocol and addresses only, since only the first fragment carries the
 * ports and all fragments of a datagram must stay one flow; any other protocol by protocol and
 * addresses.
 */
public final class InnerPacketParser<P> {
    /** Extension headers followed before giving up; real packets carry two or three at most. */
    static final int MAX_EXTENSION_HEADERS = 8;
    private static final int IPV4_MIN_HEADER = 20;
    private static final int IPV6_HEADER = 40;

    private final PacketBytes<P> bytes;
    private final long hashSeed;
    private final int malformedHash;

    /**
     * @param hashSeed mixed into every flow hash; give each endpoint a random one so an outsider
     *                 cannot aim a flood of tuples at one bucket
     */
    public InnerPacketParser(PacketBytes<P> bytes, long hashSeed) {
        this.bytes = bytes;
        this.hashSeed = hashSeed;
        PacketFacts malformed = new PacketFacts();
        malformed.malformed = true;
        this.malformedHash = FlowTuples.hash(hashSeed, malformed.keyMeta(), 0, 0, 0, 0, 0);
    }

    /** Fills {@code facts} from {@code packet} (not retained, not released) and returns it. */
    public PacketFacts parse(P packet, PacketFacts facts) {
        facts.clear();
        int length = bytes.length(packet);
        boolean ok = length > 0 && switch (bytes.byteAt(packet, 0) >>> 4) {
            case 4 -> parseIpv4(packet, length, facts);
            case 6 -> parseIpv6(packet, length, facts);
            default -> false;
        };
        if (!ok) {
            facts.clear();
            facts.malformed = true;
            facts.totalLength = length;
            facts.flowHash = malformedHash;
            return facts;
        }
        facts.flowHash = FlowTuples.hash(hashSeed, facts.keyMeta(), facts.srcHi, facts.srcLo, facts.dstHi,
                facts.dstLo, facts.portPair());
        return facts;
    }

    private boolean parseIpv4(P p, int length, PacketFacts facts) {
        int headerLength = (bytes.byteAt(p, 0) & 0x0F) * 4;
        if (length < IPV4_MIN_HEADER || headerLength < IPV4_MIN_HEADER) {
            return false;
        }
        int totalLength = u16(p, 2);
        if (totalLength < headerLength || totalLength > length) {
            return false;
        }
        facts.ipVersion = 4;
        facts.dscp = bytes.byteAt(p, 1) >>> 2;
        facts.totalLength = totalLength;
        facts.protocol = bytes.byteAt(p, 9);
        int flagsAndOffset = u16(p, 6);
        facts.fragment = (flagsAndOffset & 0x2000) != 0 || (flagsAndOffset & 0x1FFF) != 0;
        facts.srcLo = u32(p, 12);
        facts.dstLo = u32(p, 16);
        return facts.fragment || readPorts(p, headerLength, totalLength, facts);
    }

    private boolean parseIpv6(P p, int length, PacketFacts facts) {
        if (length < IPV6_HEADER) {
            return false;
        }
        int payloadLength = u16(p, 4);
        // 0 is a jumbogram's (RFC 2675): its length is in a hop-by-hop option; take the bytes'
        int end = payloadLength == 0 ? length : IPV6_HEADER + payloadLength;
        if (end > length) {
            return false;
        }
        facts.ipVersion = 6;
        facts.dscp = ((bytes.byteAt(p, 0) & 0x0F) << 4 | bytes.byteAt(p, 1) >>> 4) >>> 2;
        facts.totalLength = end;
        facts.srcHi = u64(p, 8);
        facts.srcLo = u64(p, 16);
        facts.dstHi = u64(p, 24);
        facts.dstLo = u64(p, 32);
        int next = bytes.byteAt(p, 6);
        int offset = IPV6_HEADER;
        for (int headers = 0; ; headers++) {
            if (offset > end) {
                return false; // the last extension header claimed more bytes than there are
            }
            if (next != 0 && next != 43 && next != 44 && next != 60 && next != 51) {
                facts.protocol = next; // upper layer, ESP (50), no next header (59) or unknown
                return readPorts(p, offset, end, facts);
            }
            if (headers == MAX_EXTENSION_HEADERS || offset + 8 > end) {
                return false; // every extension header is at least 8 bytes
            }
            if (next == 44) {
                int fragmentOffsetAndM = u16(p, offset + 2);
                // an atomic fragment (offset 0, no M; RFC 6946) is a whole datagram: keep parsing
                if (fragmentOffsetAndM >>> 3 != 0 || (fragmentOffsetAndM & 1) != 0) {
                    // every fragment carries the same next header here, later fragments no more
                    facts.fragment = true;
                    facts.protocol = bytes.byteAt(p, offset);
                    return true;
                }
                next = bytes.byteAt(p, offset);
                offset += 8;
                continue;
            }
            int headerLength = next == 51
                    ? (bytes.byteAt(p, offset + 1) + 2) * 4 // AH counts 4-byte words minus 2 (RFC 4302)
                    : (bytes.byteAt(p, offset + 1) + 1) * 8; // the others 8-byte words minus 1 (RFC 8200)
            next = bytes.byteAt(p, offset);
            offset += headerLength;
        }
    }

    /** Ports of a port protocol at {@code offset}; false when they do not fit before {@code end}. */
    private boolean readPorts(P p, int offset, int end, PacketFacts facts) {
        if (!FlowTuples.hasPorts(facts.protocol)) {
            return true;
        }
        if (offset + 4 > end) {
            return false;
        }
        facts.srcPort = u16(p, offset);
        facts.dstPort = u16(p, offset + 2);
        facts.hasPorts = true;
        return true;
    }

    private int u16(P p, int index) {
        return bytes.u16(p, index);
    }

    private long u32(P p, int index) {
        return bytes.u32(p, index);
    }

    private long u64(P p, int index) {
        return u32(p, index) << 32 | u32(p, index + 4);
    }
}
