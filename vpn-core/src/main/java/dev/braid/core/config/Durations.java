package dev.braid.core.config;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;

/** Config text form of {@link Duration}: {@code 250ms}, {@code 30s}, {@code 5m}, {@code 1h}, {@code 0}. */
public final class Durations {
    private static final Map<String, Long> UNITS_NANOS = new LinkedHashMap<>();

    static {
        UNITS_NANOS.put("d", 86_400_000_000_000L);
        UNITS_NANOS.put("h", 3_600_000_000_000L);
        UNITS_NANOS.put("m", 60_000_000_000L);
        UNITS_NANOS.put("s", 1_000_000_000L);
        UNITS_NANOS.put("ms", 1_000_000L);
        UNITS_NANOS.put("us", 1_000L);
        UNITS_NANOS.put("ns", 1L);
    }

    private Durations() {}

    /** @throws IllegalArgumentException with a message fit for a config error */
    public static Duration parse(String text) {
        return Duration.ofNanos(Quantity.parse(text, UNITS_NANOS, "duration", "250ms, 30s, 5m, 1h"));
    }

    /** The text a config file would hold: {@code 15s}, not {@code PT15S}; for log lines too. */
    public static String format(Duration duration) {
        if (duration.isZero()) {
            return "0s";
        }
        return Quantity.format(duration.toNanos(), UNITS_NANOS, "ns");
    }
}
