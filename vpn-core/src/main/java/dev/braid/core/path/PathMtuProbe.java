package dev.braid.core.path;

import java.time.Duration;
import java.util.Objects;

/**
 * The path MTU of one client link, found without ICMP (packetization-layer path MTU discovery,
 * RFC 8899, in the manner of Glorytun): authenticated probes padded to a size go out with DF set
 * and no local fragmentation; a size counts as passing when the peer acknowledges it, and as too
 * big after {@link Settings#tries()} unanswered tries of it. Sans I/O: the session feeds it time,
 * acks and report echoes and sends what the returned {@link Step} asks for.
 *
 * <p>One search: first the floor (it must pass, and its ack measures the round trip; if it is
 * lost every time the link is losing everything, not too small, so the search pauses and the old
 * result stays), then the ceiling (the common case passes at once), then a binary search between
 * the largest size that passed and the smallest that was too big, to the byte. The result is
 * reported to the peer (it clamps its side with it) until the peer echoes it. A new search runs
 * every {@link Settings#interval()}, and at once on {@link #restart} (the link changed).
 *
 * <p>Sizes are whole outer IP packets (IP + UDP + Braid datagram), as an interface MTU counts.
 */
public final class PathMtuProbe {
    /** Outer floor of an IPv4 path: every IPv4 host accepts 576-byte datagrams (RFC 791). */
    public static final int IPV4_FLOOR = 576;
    /** Outer floor of an IPv6 path: every IPv6 link carries 1280 (RFC 8200 section 5). */
    public static final int IPV6_FLOOR = 1280;

    /**
     * @param interval      time between searches
     * @param minTimeout    shortest wait for an ack (the wait is 4 round trips, within these bounds)
     * @param maxTimeout    longest wait, and the wait before a round trip is known
     * @param tries         sends of one size before it counts as too big
     * @param afterLoss     wait before a new search when even the floor got no answer
     * @param reportRetries sends of a result before giving up on the peer's echo
     */
    public record Settings(Duration interval, Duration minTimeout, Duration maxTimeout, int tries, Duration afterLoss,
                           int reportRetries) {
        public Settings {
            Objects.requireNonNull(interval, "interval");
            Objects.requireNonNull(minTimeout, "minTimeout");
            Objects.requireNonNull(maxTimeout, "maxTimeout");
            Objects.requireNonNull(afterLoss, "afterLoss");
            if (tries < 1 || reportRetries < 1 || minTimeout.compareTo(maxTimeout) > 0 || minTimeout.isNegative()) {
                throw new IllegalArgumentException("bad path MTU probe settings " + tries + "/" + reportRetries + "/"
                        + minTimeout + "/" + maxTimeout);
            }
        }

        public static Settings withInterval(Duration interval) {
            return new Settings(interval, Duration.ofMillis(100), Duration.ofSeconds(1), 3, Duration.ofSeconds(30), 5);
        }

        public static Settings defaults() {
            return withInterval(Duration.ofMinutes(10));
        }
    }

    /**
     * What to send now: a probe of {@code probeSize} bytes with {@code probeId} (0 size: none), and
     * a report of {@code reportMtu} (0: none). {@code changed}: {@link #pathMtu()} has a new value.
     */
    public record Step(int probeSize, int probeId, int reportMtu, boolean changed) {
        static final Step NOTHING = new Step(0, 0, 0, false);

        public boolean sendsProbe() {
            return probeSize > 0;
        }

        public boolean sendsReport() {
            return reportMtu > 0;
        }
    }

    private enum State { SEARCHING, IDLE }

    private final Settings settings;
    private final int floor;
    private final int ceiling;
    private State state = State.SEARCHING;
    private long deadline;
    private int nextId = 1;
    /** The size in flight, its first id in this search (late acks of earlier tries count) and tries so far. */
    private int size;
    private int firstIdOfSize;
    private int lastId;
    private long lastSentNanos;
    private int triesOfSize;
    /** Largest size acknowledged and smallest judged too big, in this search. */
    private int passed;
    private int tooBig;
    private long rttNanos = -1;
    private int pathMtu = -1;
    private int reportsLeft;
    private long reportDeadline = Long.MAX_VALUE;
    private long searches;
    private long lostSearches;

    /** A prober whose first search starts at {@code nowNanos}; sizes from {@code floor} to {@code ceiling}. */
    public PathMtuProbe(Settings settings, int floor, int ceiling, long nowNanos) {
        this.settings = Objects.requireNonNull(settings, "settings");
        if (floor < 68 || ceiling < floor || ceiling > 65535) {
            throw new IllegalArgumentException("path MTU probe range " + floor + ".." + ceiling);
        }
        this.floor = floor;
        this.ceiling = ceiling;
        begin(nowNanos);
    }

    /** The outer floor for a path of this family. */
    public static int floorFor(boolean ipv6) {
        return ipv6 ? IPV6_FLOOR : IPV4_FLOOR;
    }

    /** The largest outer packet found to pass, or -1 before the first search ended. */
    public int pathMtu() {
        return pathMtu;
    }

    public int floor() {
        return floor;
    }

    public int ceiling() {
        return ceiling;
    }

    public boolean isSearching() {
        return state == State.SEARCHING;
    }

    /** Searches begun, and those abandoned because even the floor got no answer. */
    public long searches() {
        return searches;
    }

    public long lostSearches() {
        return lostSearches;
    }

    public long nextDeadlineNanos() {
        return Math.min(deadline, reportDeadline);
    }

    /** The link changed (a new address, back up after DOWN): search again now. */
    public void restart(long nowNanos) {
        begin(nowNanos);
    }

    private void begin(long nowNanos) {
        state = State.SEARCHING;
        searches++;
        passed = 0;
        tooBig = ceiling + 1;
        size = 0;
        deadline = nowNanos;
    }

    public Step onTimer(long nowNanos) {
        int report = 0;
        if (reportDeadline <= nowNanos) {
            report = nextReport(nowNanos);
        }
        if (deadline > nowNanos) {
            return report == 0 ? Step.NOTHING : new Step(0, 0, report, false);
        }
        if (state == State.IDLE) {
            begin(nowNanos);
        }
        if (size == 0) {
            return withReport(probe(nowNanos, floor, true), report);
        }
        if (triesOfSize < settings.tries()) {
            return withReport(probe(nowNanos, size, false), report);
        }
        // Every try of this size went unanswered.
        if (size == floor) {
            lostSearches++;
            state = State.IDLE;
            size = 0;
            deadline = nowNanos + settings.afterLoss().toNanos();
            return report == 0 ? Step.NOTHING : new Step(0, 0, report, false);
        }
        tooBig = size;
        return withReport(next(nowNanos), report);
    }

    /**
     * The peer acknowledged a probe of {@code ackedSize} with {@code id}. Acks of a size no longer
     * in flight, or from an earlier search, change nothing.
     */
    public Step onAck(long nowNanos, int ackedSize, int id) {
        if (state != State.SEARCHING || ackedSize != size || Integer.compareUnsigned(id, firstIdOfSize) < 0
                || Integer.compareUnsigned(id, lastId) > 0) {
            return Step.NOTHING;
        }
        if (id == lastId) {
            long sample = nowNanos - lastSentNanos;
            rttNanos = rttNanos < 0 ? sample : Math.max(sample, (rttNanos * 7 + sample) / 8);
        }
        passed = size;
        return next(nowNanos);
    }

    /** The peer echoed a report of {@code mtu}: it has it, no more retries. */
    public void onReportEcho(int mtu) {
        if (mtu == pathMtu) {
            reportsLeft = 0;
            reportDeadline = Long.MAX_VALUE;
        }
    }

    /** The next size to try after {@link #passed} or {@link #tooBig} moved, or the end of the search. */
    private Step next(long nowNanos) {
        if (passed == 0) {
            return probe(nowNanos, floor, true); // cannot happen: the floor passes or the search pauses
        }
        if (tooBig - passed <= 1) {
            return finish(nowNanos);
        }
        int candidate = tooBig == ceiling + 1 ? ceiling : (passed + tooBig) >>> 1;
        return probe(nowNanos, candidate, true);
    }

    private Step finish(long nowNanos) {
        state = State.IDLE;
        size = 0;
        deadline = nowNanos + settings.interval().toNanos();
        boolean changed = passed != pathMtu;
        pathMtu = passed;
        // Reported after every search, changed or not: a peer that lost state learns it again.
        reportsLeft = settings.reportRetries();
        return new Step(0, 0, nextReport(nowNanos), changed);
    }

    private int nextReport(long nowNanos) {
        if (reportsLeft <= 0 || pathMtu < 0) {
            reportDeadline = Long.MAX_VALUE;
            return 0;
        }
        reportsLeft--;
        reportDeadline = reportsLeft == 0 ? Long.MAX_VALUE : nowNanos + settings.maxTimeout().toNanos();
        return pathMtu;
    }

    private Step probe(long nowNanos, int probeSize, boolean newSize) {
        if (newSize || probeSize != size) {
            size = probeSize;
            firstIdOfSize = nextId;
            triesOfSize = 0;
        }
        triesOfSize++;
        lastId = nextId++;
        if (nextId == 0) {
            nextId = 1;
        }
        lastSentNanos = nowNanos;
        deadline = nowNanos + timeoutNanos();
        return new Step(size, lastId, 0, false);
    }

    private long timeoutNanos() {
        long max = settings.maxTimeout().toNanos();
        return rttNanos < 0 ? max : Math.max(settings.minTimeout().toNanos(), Math.min(max, 4 * rttNanos));
    }

    private static Step withReport(Step step, int report) {
        return report == 0 ? step : new Step(step.probeSize(), step.probeId(), report, step.changed());
    }
}
