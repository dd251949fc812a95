package dev.braid.core.config;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A data rate in bits per second. Parses {@code bit kbit mbit gbit tbit} (decimal, case-insensitive),
 * each optionally followed by {@code /s}, and {@code bps kbps mbps gbps}; {@link #toString()} parses back.
 */
public record DataRate(long bitsPerSecond) implements Comparable<DataRate> {
    private static final Map<String, Long> UNITS = new java.util.HashMap<>();
    private static final Map<String, Long> FORMAT_UNITS = new LinkedHashMap<>();

    static {
        String[] prefixes = {"", "k", "m", "g", "t"};
        long multiplier = 1;
        for (String prefix : prefixes) {
            UNITS.put(prefix + "bit", multiplier);
            UNITS.put(prefix + "bit/s", multiplier);
            UNITS.put(prefix + "bps", multiplier);
            multiplier *= 1000;
        }
        FORMAT_UNITS.put("tbit", 1_000_000_000_000L);
        FORMAT_UNITS.put("gbit", 1_000_000_000L);
        FORMAT_UNITS.put("mbit", 1_000_000L);
        FORMAT_UNITS.put("kbit", 1_000L);
    }

    public DataRate {
        if (bitsPerSecond < 0) {
            throw new IllegalArgumentException("data rate must not be negative: " + bitsPerSecond);
        }
    }

    public static DataRate ofBitsPerSecond(long bitsPerSecond) {
        return new DataRate(bitsPerSecond);
    }

    /** @throws IllegalArgumentException with a message fit for a config error */
    public static DataRate parse(String text) {
        return new DataRate(Quantity.parse(text, UNITS, "data rate", "500kbit, 8mbit, 100Mbit/s, 1gbit"));
    }

    public long bytesPerSecond() {
        return bitsPerSecond / 8;
    }

    @Override
    public int compareTo(DataRate other) {
        return Long.compare(bitsPerSecond, other.bitsPerSecond);
    }

    @Override
    public String toString() {
        return Quantity.format(bitsPerSecond, FORMAT_UNITS, "bit");
    }
}
