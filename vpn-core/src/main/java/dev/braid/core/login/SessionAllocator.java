package dev.braid.core.login;

import java.util.Objects;

/**
 * Supplied by the proxy: assigns a session id and virtual address to an authenticated user.
 * Called on a login worker (several at once) only after the password proof verified.
 */
@FunctionalInterface
public interface SessionAllocator {

    /** A granted slot, or why there is none (POOL_EXHAUSTED or TOO_MANY_SESSIONS). */
    record Result(SessionAllocation granted, RejectReason refusal) {

        public Result {
            if ((granted == null) == (refusal == null)) {
                throw new IllegalArgumentException("a result is either granted or refused");
            }
        }

        public static Result granted(SessionAllocation allocation) {
            return new Result(Objects.requireNonNull(allocation, "allocation"), null);
        }

        public static Result refused(RejectReason reason) {
            return new Result(null, Objects.requireNonNull(reason, "reason"));
        }
    }

    Result allocate(String username, String dataPath);
}
