package dev.braid.core.proxy;

import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.function.ToLongFunction;

/**
 * Whether a user may open another session: below its limit, yes; at the limit, only if its
 * longest-silent session has heard nothing for {@code stale}, which then gives way (a client
 * restarted by kill -9 gets back in at once, while no user holds more than the limit of live
 * sessions). Sans-I/O: time and the sessions' last receive times come from the caller.
 */
final class UserSessionLimit {

    /** {@code room}: a new session may start, after closing {@code giveWay} if that is not null. */
    record Verdict<S>(boolean room, S giveWay) {}

    private final int limit;
    private final long staleNanos;

    UserSessionLimit(int limit, Duration stale) {
        this.limit = limit;
        this.staleNanos = stale.toNanos();
    }

    /**
     * @param sessions the user's live sessions
     * @param reserved logins of the user that reserved a session and are on their way
     */
    <S> Verdict<S> decide(List<S> sessions, ToLongFunction<S> lastReceiveNanos, long reserved, long nowNanos) {
        if (sessions.size() + reserved < limit) {
            return new Verdict<>(true, null);
        }
        S stalest = sessions.stream().min(Comparator.comparingLong(lastReceiveNanos)).orElse(null);
        boolean stale = stalest != null && nowNanos - lastReceiveNanos.applyAsLong(stalest) >= staleNanos;
        return stale && sessions.size() - 1 + reserved < limit ? new Verdict<>(true, stalest) : new Verdict<>(false, null);
    }
}
