package dev.braid.testbed.link;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;

/**
 * A link capacity trace in the mahimahi format: each line is a millisecond timestamp at which one
 * delivery opportunity of {@value #OPPORTUNITY_BYTES} bytes occurs. Several lines may carry the
 * same timestamp. The trace loops with a period equal to its last timestamp, as in mahimahi.
 * Blank lines and lines starting with {@code #} are ignored (mahimahi has none; they help tests).
 */
public final class CapacityTrace {

    /** Bytes one delivery opportunity may carry (mahimahi's MTU). */
    public static final int OPPORTUNITY_BYTES = 1500;

    private static final long NANOS_PER_MS = 1_000_000L;

    private final long[] opportunityMs;
    private final long periodMs;
    private final String source;

    private CapacityTrace(long[] opportunityMs, String source) {
        this.opportunityMs = opportunityMs;
        this.periodMs = opportunityMs[opportunityMs.length - 1];
        this.source = source;
    }

    /** Reads a trace file; errors name the file and line. */
    public static CapacityTrace read(Path file) throws IOException {
        return parse(Files.readAllLines(file), file.toString());
    }

    /** Parses trace lines; {@code source} names them in error messages. */
    public static CapacityTrace parse(List<String> lines, String source) {
        long[] values = new long[lines.size()];
        int count = 0;
        long previous = 0;
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i).strip();
            if (line.isEmpty() || line.startsWith("#")) {
                continue;
            }
            long ms;
            try {
                ms = Long.parseLong(line);
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException(
                        source + ":" + (i + 1) + ": expected a millisecond timestamp, got '" + line + "'");
            }
            if (ms < previous) {
                throw new IllegalArgumentException(source + ":" + (i + 1) + ": timestamp " + ms
                        + " is before the previous one (" + previous + "); a trace must not go back in time");
            }
            values[count++] = ms;
            previous = ms;
        }
        if (count == 0) {
            throw new IllegalArgumentException(source + ": the trace has no timestamps");
        }
        if (values[count - 1] <= 0) {
            throw new IllegalArgumentException(source + ": the last timestamp (the loop period) must be > 0 ms");
        }
        return new CapacityTrace(Arrays.copyOf(values, count), source);
    }

    /** Opportunities per loop. */
    public int opportunitiesPerPeriod() {
        return opportunityMs.length;
    }

    public long periodNanos() {
        return periodMs * NANOS_PER_MS;
    }

    /** Long-run capacity of the looping trace in bit/s. */
    public double averageRateBitsPerSecond() {
        return opportunityMs.length * (double) OPPORTUNITY_BYTES * 8 * 1000 / periodMs;
    }

    /** Where the trace came from (file name), for messages. */
    public String source() {
        return source;
    }

    /** Time of opportunity {@code k} (counted from 0 across loops), in nanos after the origin. */
    public long opportunityNanos(long k) {
        int n = opportunityMs.length;
        return ((k / n) * periodMs + opportunityMs[(int) (k % n)]) * NANOS_PER_MS;
    }

    /** The index of the first opportunity at or after {@code nanos} (relative to the origin). */
    public long firstOpportunityAtOrAfter(long nanos) {
        if (nanos <= 0) {
            return 0;
        }
        long targetMs = (nanos + NANOS_PER_MS - 1) / NANOS_PER_MS; // opportunities fall on whole ms
        long loop = targetMs / periodMs;
        long withinMs = targetMs - loop * periodMs;
        int index = lowerBound(withinMs);
        long n = opportunityMs.length;
        // index == n cannot happen: the last timestamp equals the period and withinMs < period.
        return loop * n + index;
    }

    private int lowerBound(long ms) {
        int lo = 0;
        int hi = opportunityMs.length;
        while (lo < hi) {
            int mid = (lo + hi) >>> 1;
            if (opportunityMs[mid] < ms) {
                lo = mid + 1;
            } else {
                hi = mid;
            }
        }
        return lo;
    }

    @Override
    public String toString() {
        return "CapacityTrace[" + source + ", " + opportunityMs.length + " opportunities / " + periodMs + " ms]";
    }
}
