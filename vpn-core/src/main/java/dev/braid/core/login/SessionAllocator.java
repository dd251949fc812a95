package dev.braid.core.login;

import java.util.Optional;

/**
 * Supplied by the proxy: assigns a session id and virtual address to an authenticated user.
 * Called on the login thread only after the password proof verified.
 */
@FunctionalInterface
public interface SessionAllocator {
    /** @return the allocation, or empty when the pool is exhausted (client gets POOL_EXHAUSTED) */
    Optional<SessionAllocation> allocate(String username, String dataPath);
}
