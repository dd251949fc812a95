package dev.braid.testbed.bench.paper;

import dev.braid.testbed.scenario.LinkProfile;
import java.util.List;
import java.util.Locale;

/**
 * One run of the paper's evaluation: a set of links and the offered CBR stream.
 *
 * @param key                  unique within one sum, e.g. {@code 8:2} or {@code 8:0 10ms}
 * @param links                the paths (one = a single link through the same tunnel)
 * @param offeredBitsPerSecond the CBR stream's inner rate (the paper: 10 Mbit/s)
 * @param minDurationNanos     the run lasts at least this long (fig. 9: one loop of its traces, so
 *                             they average their nominal rates), else 0
 */
public record PaperCase(String key, List<LinkProfile> links, long offeredBitsPerSecond, long minDurationNanos) {
    public PaperCase {
        links = List.copyOf(links);
    }

    /** How long this case runs when {@code --duration} asks for {@code durationNanos}. */
    public long durationNanos(long durationNanos) {
        return Math.max(durationNanos, minDurationNanos);
    }

    /** E.g. "8 Mbit/s 0.5 ms + 2 Mbit/s 0.5 ms". */
    public String describeLinks() {
        StringBuilder sb = new StringBuilder();
        for (LinkProfile l : links) {
            if (sb.length() > 0) {
                sb.append(" + ");
            }
            sb.append(String.format(Locale.ROOT, "%s Mbit/s%s %s ms", trim(l.rateBitsPerSecond() / 1e6),
                    l.trace() == null ? "" : " (trace " + l.trace().source() + ")", trim(l.rttNanos() / 1e6)));
        }
        return sb.toString();
    }

    public double sumMbit() {
        return links.stream().mapToLong(LinkProfile::rateBitsPerSecond).sum() / 1e6;
    }

    static String trim(double v) {
        return v == Math.rint(v) ? Long.toString((long) v) : String.format(Locale.ROOT, "%.2f", v).replaceAll("0+$", "");
    }
}
