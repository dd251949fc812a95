package dev.braid.core.login;

import java.util.Map;

/**
 * Decides whether a login attempt (source address, user) may run the password check, so that
 * guessing is slow and no stranger can lock a user out.
 *
 * <pre>
 * per (source, user)  the guessing limit proper: one address trying one account
 * per source          one address trying many accounts
 * per user            many addresses trying one account; an address that has logged in as this
 *                     user before ("known source") is exempt, so a spray of wrong passwords from
 *                     200 addresses locks those addresses out, not the user at home
 * </pre>
 * The known sources are a bounded LRU set filled only by correct passwords. Time comes from the
 * caller. Not thread-safe ({@link ServerLogin} calls it under its lock).
 */
final class LoginFailureLimits {

    private static final int MAX_KNOWN_SOURCES = 16_384;

    private final TokenBuckets perSourceAndUser;
    private final TokenBuckets perSource;
    private final TokenBuckets perUser;
    private final Map<String, Boolean> knownSources = new LruMap<>(MAX_KNOWN_SOURCES);

    LoginFailureLimits(ServerLoginConfig config) {
        this.perSourceAndUser = config.perSourceAndUser().newBuckets();
        this.perSource = config.perSource().newBuckets();
        this.perUser = config.perUser().newBuckets();
    }

    /** @return the limit that refuses this attempt, or null when it may proceed */
    String refusal(String source, String user, long nowNanos) {
        if (!perSourceAndUser.allowed(pair(source, user), nowNanos)) {
            return "too many failures for this user from this address";
        }
        if (!perSource.allowed(source, nowNanos)) {
            return "too many failures from this address";
        }
        if (!isKnownSource(source, user) && !perUser.allowed(user, nowNanos)) {
            return "too many failures for this user from new addresses";
        }
        return null;
    }

    void recordFailure(String source, String user, long nowNanos) {
        perSourceAndUser.take(pair(source, user), nowNanos);
        perSource.take(source, nowNanos);
        if (!isKnownSource(source, user)) {
            perUser.take(user, nowNanos);
        }
    }

    /** A correct password from {@code source}: it passes the per-user limit from now on. */
    void recordSuccess(String source, String user) {
        knownSources.put(pair(source, user), Boolean.TRUE);
    }

    private boolean isKnownSource(String source, String user) {
        return knownSources.get(pair(source, user)) != null;
    }

    private static String pair(String source, String user) {
        return source + '\n' + user;
    }
}
