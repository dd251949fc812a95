package dev.braid.natprobe;

import dev.braid.core.config.ConfigDescription;
import dev.braid.core.config.ConfigKey;

import dev.braid.core.spi.Role;
import dev.braid.natprobe.protocol.ProbeSettings;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * The {@code nat-probe:} config section. Setters are named after the keys ({@code idle-interval}
 * -> {@link #setIdleInterval}). Defaults declare a dead link carrying traffic down within
 * {@code traffic-check-interval + suspect-after + down-after-missed * fast-interval} = 850 ms on a
 * short path, and keep NAT mappings open with a probe every 15 s (common UDP timeouts are 30 s).
 */
public final class NatProbeConfig implements dev.braid.core.config.SelfValidatingConfig {
    private Duration idleInterval = Duration.ofSeconds(15);
    private Duration trafficCheckInterval = Duration.ofMillis(100);
    private Duration suspectAfter = Duration.ofMillis(300);
    private Duration fastInterval = Duration.ofMillis(150);
    private int downAfterMissed = 3;
    private Duration downProbeInterval = Duration.ofSeconds(1);
    private Duration downProbeMaxInterval = Duration.ofSeconds(30);
    private boolean proxyLiveness = true;

    /** {@code idle-interval}: client probe when nothing left a link for this long. */
    @ConfigKey("idle-interval")
    @ConfigDescription("probe an idle link this often, to keep NAT mappings open")
    public void setIdleInterval(Duration idleInterval) {
        this.idleInterval = Objects.requireNonNull(idleInterval, "idle-interval");
    }

    /** {@code traffic-check-interval}: how often a link's send counter is looked at. */
    @ConfigKey("traffic-check-interval")
    @ConfigDescription("how often to check whether a busy link still hears back")
    public void setTrafficCheckInterval(Duration trafficCheckInterval) {
        this.trafficCheckInterval = Objects.requireNonNull(trafficCheckInterval, "traffic-check-interval");
    }

    /** {@code suspect-after}: sent traffic unanswered this long starts fast probing. */
    @ConfigKey("suspect-after")
    @ConfigDescription("a busy link that heard nothing for this long is probed fast")
    public void setSuspectAfter(Duration suspectAfter) {
        this.suspectAfter = Objects.requireNonNull(suspectAfter, "suspect-after");
    }

    /** {@code fast-interval}: probe spacing while a link is suspect. */
    @ConfigKey("fast-interval")
    @ConfigDescription("probe interval while a link is suspect")
    public void setFastInterval(Duration fastInterval) {
        this.fastInterval = Objects.requireNonNull(fastInterval, "fast-interval");
    }

    /** {@code down-after-missed}: missed fast probes that mark a link down. */
    @ConfigKey("down-after-missed")
    @ConfigDescription("missed fast probes before a link is marked down")
    public void setDownAfterMissed(int downAfterMissed) {
        this.downAfterMissed = downAfterMissed;
    }

    /** {@code down-probe-interval}: first probe spacing while a link is down. */
    @ConfigKey("down-probe-interval")
    @ConfigDescription("first probe interval of a down link, so it comes back by itself; doubles after each unanswered probe")
    public void setDownProbeInterval(Duration downProbeInterval) {
        this.downProbeInterval = Objects.requireNonNull(downProbeInterval, "down-probe-interval");
    }

    /** {@code down-probe-max-interval}: the cap of a down link's doubling probe spacing. */
    @ConfigKey("down-probe-max-interval")
    @ConfigDescription("longest probe interval of a down link (the core drops it after link-down-timeout)")
    public void setDownProbeMaxInterval(Duration downProbeMaxInterval) {
        this.downProbeMaxInterval = Objects.requireNonNull(downProbeMaxInterval, "down-probe-max-interval");
    }

    /**
     * {@code proxy-liveness}: the proxy also fast-probes links whose traffic goes unanswered and
     * marks them down (it never sends idle keepalives: those come from the client).
     */
    @ConfigKey("proxy-liveness")
    @ConfigDescription("the proxy also detects dead links under its own traffic")
    public void setProxyLiveness(boolean proxyLiveness) {
        this.proxyLiveness = proxyLiveness;
    }

    public Duration getIdleInterval() {
        return idleInterval;
    }

    public Duration getTrafficCheckInterval() {
        return trafficCheckInterval;
    }

    public Duration getSuspectAfter() {
        return suspectAfter;
    }

    public Duration getFastInterval() {
        return fastInterval;
    }

    public int getDownAfterMissed() {
        return downAfterMissed;
    }

    public Duration getDownProbeInterval() {
        return downProbeInterval;
    }

    public Duration getDownProbeMaxInterval() {
        return downProbeMaxInterval;
    }

    public boolean isProxyLiveness() {
        return proxyLiveness;
    }

    /** Every problem with the values, by key; empty when valid. */
    @Override
    public List<String> validate() {
        return problems();
    }

    public List<String> problems() {
        List<String> problems = new ArrayList<>();
        positive(problems, "idle-interval", idleInterval);
        positive(problems, "traffic-check-interval", trafficCheckInterval);
        positive(problems, "suspect-after", suspectAfter);
        positive(problems, "fast-interval", fastInterval);
        positive(problems, "down-probe-interval", downProbeInterval);
        if (downProbeMaxInterval.compareTo(downProbeInterval) < 0) {
            problems.add("nat-probe.down-probe-max-interval must be at least down-probe-interval ("
                    + downProbeInterval + "), is " + downProbeMaxInterval);
        }
        if (downAfterMissed < 1) {
            problems.add("nat-probe.down-after-missed must be at least 1, is " + downAfterMissed);
        }
        return problems;
    }

    private static void positive(List<String> problems, String key, Duration value) {
        if (value.isZero() || value.isNegative()) {
            problems.add("nat-probe." + key + " must be positive, is " + value);
        }
    }

    /**
     * The protocol settings for one end: only the client sends idle keepalives.
     *
     * @throws IllegalArgumentException listing every {@link #problems()}
     */
    public ProbeSettings toSettings(Role role) {
        List<String> problems = problems();
        if (!problems.isEmpty()) {
            throw new IllegalArgumentException(String.join("; ", problems));
        }
        return new ProbeSettings(
                role == Role.CLIENT,
                idleInterval.toNanos(),
                trafficCheckInterval.toNanos(),
                suspectAfter.toNanos(),
                fastInterval.toNanos(),
                downAfterMissed,
                downProbeInterval.toNanos(),
                downProbeMaxInterval.toNanos());
    }

    /** Whether links of this end run liveness probing at all. */
    public boolean livenessFor(Role role) {
        return role == Role.CLIENT || proxyLiveness;
    }
}
