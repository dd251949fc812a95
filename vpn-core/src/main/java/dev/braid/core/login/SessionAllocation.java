package dev.braid.core.login;

import java.net.Inet4Address;

/** A session slot granted by the proxy's allocator. */
public record SessionAllocation(int sessionId, Inet4Address virtualAddress, int prefixLength) {
}
