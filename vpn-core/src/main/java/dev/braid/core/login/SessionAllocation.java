package dev.braid.core.login;

import java.net.Inet4Address;

/** A session slot granted by the proxy's allocator; {@code ipv6} is null without a client-pool6. */
public record SessionAllocation(int sessionId, Inet4Address virtualAddress, int prefixLength, Ipv6Assignment ipv6) {

    /** A slot with an IPv4 address only. */
    public SessionAllocation(int sessionId, Inet4Address virtualAddress, int prefixLength) {
        this(sessionId, virtualAddress, prefixLength, null);
    }
}
