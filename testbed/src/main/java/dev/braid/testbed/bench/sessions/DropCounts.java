package dev.braid.testbed.bench.sessions;

import java.util.LinkedHashMap;
import java.util.Map;

/** Drop counters by reason: what grew over a phase, and their one-word form in a generator event. */
final class DropCounts {
    private DropCounts() {}

    /** The counters that grew from {@code before} to {@code after}, by how much. */
    static Map<String, Long> growth(Map<String, Long> before, Map<String, Long> after) {
        Map<String, Long> grown = new LinkedHashMap<>();
        after.forEach((reason, count) -> {
            long delta = count - before.getOrDefault(reason, 0L);
            if (delta != 0) {
                grown.put(reason, delta);
            }
        });
        return grown;
    }

    /** {@code reason:count,reason:count}, or {@code none}. */
    static String format(Map<String, Long> counts) {
        if (counts.isEmpty()) {
            return "none";
        }
        StringBuilder out = new StringBuilder();
        counts.forEach((reason, count) -> out.append(out.length() == 0 ? "" : ",").append(reason).append(':').append(count));
        return out.toString();
    }

    static Map<String, Long> parse(String text) {
        Map<String, Long> counts = new LinkedHashMap<>();
        if (text == null || text.equals("none")) {
            return counts;
        }
        for (String pair : text.split(",")) {
            int colon = pair.lastIndexOf(':');
            counts.put(pair.substring(0, colon), Long.parseLong(pair.substring(colon + 1)));
        }
        return counts;
    }
}
