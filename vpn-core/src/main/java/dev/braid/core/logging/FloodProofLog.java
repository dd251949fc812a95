package dev.braid.core.logging;

import dev.braid.core.config.Durations;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Consumer;
import java.util.function.Supplier;
import org.slf4j.Logger;

/**
 * A log for one cause of per-event lines that strangers can trigger (refused logins, per-packet
 * drops): at most {@code fullLines} + 1 lines per window however fast events come. The first
 * events of a window are logged in full; the rest are only counted, by key (e.g. the sender's
 * subnet), and when the window is over one summary line names the total and the busiest keys:
 * {@code 1234 refused HELLOs in the last 10s: 10.0.0.0/24 1200, 192.0.2.0/24 30, 4 from 2 more}.
 *
 * <p>Time comes from the caller; {@link #flush} closes a finished window even when no further
 * event comes. Thread-safe (a login thread and the event loop may share one).
 */
public final class FloodProofLog {

    /** Keys counted per window; later keys only add to the total, so memory stays bounded. */
    static final int MAX_KEYS = 64;
    private static final int KEYS_NAMED = 3;

    private final String cause;
    private final long windowNanos;
    private final Duration window;
    private final Consumer<String> sink;
    private final int fullLines;
    private int loggedInWindow;
    private final Map<String, long[]> counts = new LinkedHashMap<>();
    private boolean windowOpen;
    private long windowStart;
    private long suppressed;
    private long suppressedBeyondKeys;

    /**
     * @param cause  plural noun phrase for the summary ("refused HELLOs")
     * @param sink   where lines go (e.g. {@code logger::info})
     */
    public FloodProofLog(String cause, Duration window, Consumer<String> sink) {
        this(cause, window, 1, sink);
    }

    /** @param fullLines events logged in full per window before the rest are only counted */
    public FloodProofLog(String cause, Duration window, int fullLines, Consumer<String> sink) {
        if (fullLines < 1) {
            throw new IllegalArgumentException("fullLines must be at least 1, got " + fullLines);
        }
        this.fullLines = fullLines;
        this.cause = Objects.requireNonNull(cause, "cause");
        this.window = Objects.requireNonNull(window, "window");
        this.windowNanos = window.toNanos();
        this.sink = Objects.requireNonNull(sink, "sink");
    }

    /** A log writing at INFO to {@code logger}, 10 s windows. */
    public static FloodProofLog info(Logger logger, String cause) {
        return new FloodProofLog(cause, Duration.ofSeconds(10), logger::info);
    }

    /** A log writing at WARN to {@code logger}, 10 s windows. */
    public static FloodProofLog warn(Logger logger, String cause) {
        return new FloodProofLog(cause, Duration.ofSeconds(10), logger::warn);
    }

    /**
     * One event under {@code key}; {@code line} is built only when it is logged in full.
     *
     * @return true when this event was logged in full
     */
    public synchronized boolean event(String key, long nowNanos, Supplier<String> line) {
        flush(nowNanos);
        if (!windowOpen) {
            windowOpen = true;
            windowStart = nowNanos;
            loggedInWindow = 0;
        }
        if (loggedInWindow < fullLines) {
            loggedInWindow++;
            sink.accept(line.get());
            return true;
        }
        suppressed++;
        long[] count = counts.get(key);
        if (count == null && counts.size() < MAX_KEYS) {
            count = new long[1];
            counts.put(key, count);
        }
        if (count != null) {
            count[0]++;
        } else {
            suppressedBeyondKeys++;
        }
        return false;
    }

    /** Writes the summary of a window that has ended, if events were held back in it. */
    public synchronized void flush(long nowNanos) {
        if (!windowOpen || nowNanos - windowStart < windowNanos) {
            return;
        }
        if (suppressed > 0) {
            sink.accept(summary());
        }
        windowOpen = false;
        suppressed = 0;
        suppressedBeyondKeys = 0;
        counts.clear();
    }

    private String summary() {
        List<Map.Entry<String, long[]>> busiest = new ArrayList<>(counts.entrySet());
        busiest.sort((x, y) -> Long.compare(y.getValue()[0], x.getValue()[0])); // stable: ties by first seen
        StringBuilder out = new StringBuilder().append(suppressed).append(" more ").append(cause)
                .append(" in the last ").append(Durations.format(window)).append(':');
        int named = Math.min(KEYS_NAMED, busiest.size());
        for (int i = 0; i < named; i++) {
            out.append(i == 0 ? " " : ", ").append(busiest.get(i).getKey()).append(' ')
                    .append(busiest.get(i).getValue()[0]);
        }
        int otherKeys = busiest.size() - named;
        long otherEvents = suppressedBeyondKeys;
        for (int i = named; i < busiest.size(); i++) {
            otherEvents += busiest.get(i).getValue()[0];
        }
        if (otherEvents > 0) {
            out.append(", ").append(otherEvents).append(" from ")
                    .append(suppressedBeyondKeys > 0 ? "more than " + otherKeys : String.valueOf(otherKeys))
                    .append(" more");
        }
        return out.toString();
    }
}
