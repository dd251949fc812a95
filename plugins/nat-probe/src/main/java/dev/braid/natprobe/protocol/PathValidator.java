package dev.braid.natprobe.protocol;

import java.net.InetSocketAddress;
import java.util.Objects;
import java.util.function.Supplier;
import java.util.random.RandomGenerator;

/**
 * Proxy-side path validation of one link (RFC 9000 section 8.2 in spirit). An authenticated
 * datagram from a new source address may be a NAT rebinding or an on-path attacker rewriting
 * addresses, so the link moves only when the new address echoes a random token.
 *
 * <ol>
 *   <li>Datagram from a sender other than the link's remote and the challenged address, and the
 *       last challenge at least a retry interval ago -> CHALLENGE the sender with a fresh token.
 *       The link keeps using its old address meanwhile.</li>
 *   <li>At most one challenge outstanding per link (a newer sender replaces it, as in step 1);
 *       re-sent every retry interval, abandoned after the maximum attempts (GAVE_UP).</li>
 *   <li>PATH_RESPONSE with the token, from the challenged address -> MOVE. Any other response ->
 *       IGNORED_RESPONSE, the challenge stays outstanding.</li>
 * </ol>
 */
public final class PathValidator {
    /** Read at every step, so a reload's new retry interval and attempts count from the next one. */
    private final Supplier<ProbeSettings> settings;
    private final RandomGenerator random;

    private InetSocketAddress pending;
    private long token;
    private int attempts;
    private boolean everChallenged;
    private long lastChallengeNanos;

    public PathValidator(ProbeSettings settings, RandomGenerator random) {
        this(() -> settings, random);
    }

    public PathValidator(Supplier<ProbeSettings> settings, RandomGenerator random) {
        this.settings = Objects.requireNonNull(settings, "settings");
        this.random = Objects.requireNonNull(random, "random");
    }

    /** An authenticated datagram arrived on the link from {@code sender}. */
    public PathStep onReceive(long nowNanos, InetSocketAddress sender, InetSocketAddress currentRemote) {
        if (sender.equals(currentRemote) || sender.equals(pending)) {
            return PathStep.NOTHING;
        }
        if (everChallenged && nowNanos - lastChallengeNanos < settings.get().pathRetryNanos()) {
            return PathStep.NOTHING; // rate limit across successive new addresses
        }
        // A sender newer than the pending one replaces it: a NAT that rebound twice in quick
        // succession (a flushed table) lives at its latest mapping, and the earlier one may never
        // answer (RFC 9000 section 9.3 also follows the latest packet).
        pending = sender;
        token = random.nextLong();
        attempts = 0;
        return sendChallenge(nowNanos);
    }

    /** A PATH_RESPONSE carrying {@code echoed} arrived from {@code sender}. */
    public PathStep onResponse(long nowNanos, InetSocketAddress sender, long echoed) {
        if (pending == null || echoed != token || !pending.equals(sender)) {
            return PathStep.ignored(sender);
        }
        InetSocketAddress validated = pending;
        pending = null;
        return PathStep.move(validated);
    }

    public PathStep onTimer(long nowNanos) {
        if (pending == null || nowNanos - lastChallengeNanos < settings.get().pathRetryNanos()) {
            return PathStep.NOTHING;
        }
        if (attempts >= settings.get().pathMaxAttempts()) {
            InetSocketAddress abandoned = pending;
            pending = null;
            return PathStep.gaveUp(abandoned);
        }
        return sendChallenge(nowNanos);
    }

    private PathStep sendChallenge(long now) {
        attempts++;
        everChallenged = true;
        lastChallengeNanos = now;
        return PathStep.challenge(pending, token);
    }

    /** The address being validated, or null. */
    public InetSocketAddress pendingAddress() {
        return pending;
    }

    public long nextDeadlineNanos() {
        return pending == null ? Long.MAX_VALUE : lastChallengeNanos + settings.get().pathRetryNanos();
    }
}
