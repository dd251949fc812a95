package dev.braid.core.config;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * An amount of data in bytes. Parses {@code 1500} (bytes), {@code 1500B}, decimal {@code kB MB GB TB}
 * and binary {@code KiB MiB GiB TiB} units (unit case-insensitive); {@link #toString()} parses back.
 */
public record DataSize(long bytes) implements Comparable<DataSize> {
    private static final Map<String, Long> UNITS = Map.ofEntries(
            Map.entry("", 1L), Map.entry("b", 1L),
            Map.entry("kb", 1_000L), Map.entry("mb", 1_000_000L),
            Map.entry("gb", 1_000_000_000L), Map.entry("tb", 1_000_000_000_000L),
            Map.entry("kib", 1L << 10), Map.entry("mib", 1L << 20),
            Map.entry("gib", 1L << 30), Map.entry("tib", 1L << 40));
    private static final Map<String, Long> FORMAT_UNITS = new LinkedHashMap<>();

    static {
        FORMAT_UNITS.put("TiB", 1L << 40);
        FORMAT_UNITS.put("GiB", 1L << 30);
        FORMAT_UNITS.put("MiB", 1L << 20);
        FORMAT_UNITS.put("KiB", 1L << 10);
        FORMAT_UNITS.put("TB", 1_000_000_000_000L);
        FORMAT_UNITS.put("GB", 1_000_000_000L);
        FORMAT_UNITS.put("MB", 1_000_000L);
        FORMAT_UNITS.put("kB", 1_000L);
    }

    public DataSize {
        if (bytes < 0) {
            throw new IllegalArgumentException("data size must not be negative: " + bytes);
        }
    }

    public static DataSize ofBytes(long bytes) {
        return new DataSize(bytes);
    }

    /** @throws IllegalArgumentException with a message fit for a config error */
    public static DataSize parse(String text) {
        return new DataSize(Quantity.parse(text, UNITS, "data size", "1500, 64KiB, 1MiB, 10MB"));
    }

    /** The size as an int, for buffer sizes. @throws ArithmeticException when above Integer.MAX_VALUE */
    public int bytesAsInt() {
        return Math.toIntExact(bytes);
    }

    @Override
    public int compareTo(DataSize other) {
        return Long.compare(bytes, other.bytes);
    }

    @Override
    public String toString() {
        return Quantity.format(bytes, FORMAT_UNITS, "B");
    }
}
