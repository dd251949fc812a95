package dev.braid.core.config;

import java.util.Set;

/** The numeric view of a value for {@link ConfigMin}/{@link ConfigMax}. */
final class Bounds {
    static final Set<Class<?>> BOUNDED_TYPES = Set.of(
            int.class, Integer.class, long.class, Long.class, double.class, Double.class,
            DataSize.class, DataRate.class);

    private Bounds() {}

    static double magnitude(Object value) {
        if (value instanceof Number number) {
            return number.doubleValue();
        }
        if (value instanceof DataSize size) {
            return size.bytes();
        }
        if (value instanceof DataRate rate) {
            return rate.bitsPerSecond();
        }
        throw new IllegalArgumentException("no bounds for " + value.getClass());
    }

    /** The bound in the value's own unit, so "at least 1kB" reads naturally. */
    static String describe(Object value, long bound) {
        if (bound < 0) {
            return Long.toString(bound);
        }
        if (value instanceof DataSize) {
            return new DataSize(bound).toString();
        }
        if (value instanceof DataRate) {
            return new DataRate(bound).toString();
        }
        return Long.toString(bound);
    }
}
