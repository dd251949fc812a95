package dev.braid.core.path;

import java.net.InetSocketAddress;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.Objects;
import java.util.random.RandomGenerator;

/**
 * Path validation of one proxy-side link, sans I/O (RFC 9000 sections 8.1 and 8.2). An
 * authenticated datagram from a new source address may be a NAT rebinding, or an insider or an
 * on-path attacker sending (or relaying) it from someone else's address; the link's data goes
 * there only after that address echoes a random challenge inside a sealed control message.
 *
 * <ol>
 *   <li>Authentic datagram from an address other than the validated and the pending one, and the
 *       last challenge at least a retry interval ago -> CHALLENGE it with {@value #CHALLENGE_LENGTH}
 *       fresh random bytes. Data keeps going to the validated address, if the link has one.</li>
 *   <li>One challenge outstanding per link (a newer address replaces it: a NAT that rebound twice
 *       lives at its latest mapping); re-sent every retry interval, abandoned after the maximum
 *       attempts (GAVE_UP). An abandoned address is not challenged again for the hold-down.</li>
 *   <li>PATH_RESPONSE with the bytes, from the pending address -> VALIDATED. Any other -> IGNORED.</li>
 *   <li>Anti-amplification: until validated, at most {@value #AMPLIFICATION_FACTOR}x the bytes
 *       received from the pending address may be sent to it ({@link #allowSend}); nothing may go
 *       to any other unvalidated address.</li>
 * </ol>
 */
public final class PathValidator {
    public static final int CHALLENGE_LENGTH = 8;
    public static final int AMPLIFICATION_FACTOR = 3;

    /**
     * @param retry       challenge re-send interval, also the minimum spacing of challenges on a link
     * @param maxAttempts challenges sent to one address before giving up
     * @param holdDown    how long an abandoned address is not challenged again
     */
    public record Settings(Duration retry, int maxAttempts, Duration holdDown) {
        public Settings {
            Objects.requireNonNull(retry, "retry");
            Objects.requireNonNull(holdDown, "holdDown");
            if (retry.isNegative() || retry.isZero() || maxAttempts < 1 || holdDown.isNegative()) {
                throw new IllegalArgumentException("path validation needs a positive retry and at least one attempt");
            }
        }

        /** 4 challenges 200 ms apart: a rebinding moves within one RTT, a silent address costs 4 small datagrams. */
        public static Settings defaults() {
            return new Settings(Duration.ofMillis(200), 4, Duration.ofSeconds(30));
        }
    }

    private final long retryNanos;
    private final int maxAttempts;
    private final long holdDownNanos;
    private final RandomGenerator random;

    private InetSocketAddress validated;
    private InetSocketAddress pending;
    private final byte[] challenge = new byte[CHALLENGE_LENGTH];
    private int attempts;
    private boolean everChallenged;
    private long lastChallengeNanos;
    private long receivedFromPending;
    private long sentToPending;
    private InetSocketAddress abandoned;
    private long abandonedAtNanos;

    /** A link whose address is already proven (the login's cookie, or the client's configured proxy). */
    public static PathValidator validated(Settings settings, RandomGenerator random, InetSocketAddress address) {
        PathValidator path = new PathValidator(settings, random);
        path.validated = Objects.requireNonNull(address, "address");
        return path;
    }

    /** A link that joined from an address nothing has proven yet: it must be challenged first. */
    public static PathValidator unvalidated(Settings settings, RandomGenerator random) {
        return new PathValidator(settings, random);
    }

    private PathValidator(Settings settings, RandomGenerator random) {
        this.retryNanos = settings.retry().toNanos();
        this.maxAttempts = settings.maxAttempts();
        this.holdDownNanos = settings.holdDown().toNanos();
        this.random = Objects.requireNonNull(random, "random");
    }

    /** An authenticated datagram of {@code bytes} (on the wire) arrived on the link from {@code sender}. */
    public PathStep onReceive(long nowNanos, InetSocketAddress sender, int bytes) {
        if (sender.equals(validated)) {
            return PathStep.NOTHING;
        }
        if (sender.equals(pending)) {
            receivedFromPending += bytes;
            return PathStep.NOTHING;
        }
        if (sender.equals(abandoned) && nowNanos - abandonedAtNanos < holdDownNanos) {
            return PathStep.NOTHING; // it did not answer: no more challenges, no budget
        }
        if (everChallenged && nowNanos - lastChallengeNanos < retryNanos) {
            return PathStep.NOTHING; // rate limit across successive new addresses
        }
        pending = sender;
        random.nextBytes(challenge);
        attempts = 0;
        receivedFromPending = bytes;
        sentToPending = 0;
        return sendChallenge(nowNanos);
    }

    /** A PATH_RESPONSE echoing {@code echoed} arrived from {@code sender}. */
    public PathStep onResponse(long nowNanos, InetSocketAddress sender, byte[] echoed) {
        if (pending == null || !pending.equals(sender) || !MessageDigest.isEqual(challenge, echoed)) {
            return PathStep.of(PathStep.Kind.IGNORED_RESPONSE, sender);
        }
        validated = pending;
        pending = null;
        return PathStep.of(PathStep.Kind.VALIDATED, validated);
    }

    /** Call when {@code nowNanos >= nextDeadlineNanos()}; earlier is harmless. */
    public PathStep onTimer(long nowNanos) {
        if (pending == null || nowNanos - lastChallengeNanos < retryNanos) {
            return PathStep.NOTHING;
        }
        if (attempts >= maxAttempts) {
            abandoned = pending;
            abandonedAtNanos = nowNanos;
            pending = null;
            return PathStep.of(PathStep.Kind.GAVE_UP, abandoned);
        }
        return sendChallenge(nowNanos);
    }

    private PathStep sendChallenge(long now) {
        attempts++;
        everChallenged = true;
        lastChallengeNanos = now;
        return PathStep.challenge(pending, challenge.clone());
    }

    /**
     * Whether {@code bytes} may be sent to {@code to} now, and if so charges them: always to the
     * validated address, within the amplification budget to the pending one, never elsewhere.
     */
    public boolean allowSend(InetSocketAddress to, int bytes) {
        if (to.equals(validated)) {
            return true;
        }
        if (to.equals(pending) && sentToPending + bytes <= AMPLIFICATION_FACTOR * receivedFromPending) {
            sentToPending += bytes;
            return true;
        }
        return false;
    }

    /** Where data goes, or null before any address was validated. */
    public InetSocketAddress validatedAddress() {
        return validated;
    }

    /** The address being challenged, or null. */
    public InetSocketAddress pendingAddress() {
        return pending;
    }

    /** Bytes sent to and received from the pending address since its challenge began. */
    public long sentToPending() {
        return sentToPending;
    }

    public long receivedFromPending() {
        return receivedFromPending;
    }

    public long nextDeadlineNanos() {
        return pending == null ? Long.MAX_VALUE : lastChallengeNanos + retryNanos;
    }
}
