package dev.braid.core.proxy;

import dev.braid.core.login.RateLimit;
import dev.braid.core.login.Subnets;
import dev.braid.core.login.TokenBuckets;
import java.net.InetAddress;
import java.time.Duration;
import java.util.Objects;

/**
 * Budgets for "unknown session" hints, sans I/O: per source address, per /24 (or /64) and for
 * all sources together. A flood of stale or forged session ids from a few sources uses up only
 * their own buckets, so a real client's address still gets its hint at once after a proxy
 * restart; a flood from many sources is held to the global budget (each hint is no larger than
 * its trigger, so the budget bounds work and bytes, not amplification).
 */
final class UnknownSessionReplies {
    private static final String ALL = "";

    /**
     * @param perAddress hints to one source address
     * @param perSubnet  hints to one /24 or /64
     * @param global     hints to all sources together
     */
    record Limits(RateLimit perAddress, RateLimit perSubnet, RateLimit global) {
        Limits {
            Objects.requireNonNull(perAddress, "perAddress");
            Objects.requireNonNull(perSubnet, "perSubnet");
            Objects.requireNonNull(global, "global");
        }

        /** 10/s per address, 50/s per subnet, 1000/s in all, with bursts of the same size. */
        static Limits defaults() {
            return new Limits(new RateLimit(10, Duration.ofMillis(100)), new RateLimit(50, Duration.ofMillis(20)),
                    new RateLimit(1_000, Duration.ofMillis(1)));
        }
    }

    private final TokenBuckets perAddress;
    private final TokenBuckets perSubnet;
    private final TokenBuckets global;

    UnknownSessionReplies(Limits limits) {
        this.perAddress = limits.perAddress().newBuckets();
        this.perSubnet = limits.perSubnet().newBuckets();
        this.global = limits.global().newBuckets();
    }

    /** Whether a hint may go to {@code source} now; takes from every budget only when all allow. */
    boolean allow(InetAddress source, long nowNanos) {
        String host = source.getHostAddress();
        String subnet = Subnets.of(source);
        if (!perAddress.allowed(host, nowNanos) || !perSubnet.allowed(subnet, nowNanos)
                || !global.allowed(ALL, nowNanos)) {
            return false;
        }
        perAddress.take(host, nowNanos);
        perSubnet.take(subnet, nowNanos);
        global.take(ALL, nowNanos);
        return true;
    }
}
