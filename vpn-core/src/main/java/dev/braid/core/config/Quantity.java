package dev.braid.core.config;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Parses "number + unit" texts such as {@code 1.5MiB} or {@code 250ms} into a whole count of base units. */
final class Quantity {
    private static final Pattern NUMBER_AND_UNIT = Pattern.compile("(-?[0-9]+(?:\\.[0-9]+)?)\\s*([A-Za-z/]*)");

    private Quantity() {}

    /**
     * @param units lower-case unit name -> multiplier in base units; the empty unit is accepted for
     *     a bare number only when mapped (a bare {@code 0} is always accepted)
     * @param what noun for error messages, e.g. "data size"
     * @param example a valid example for error messages
     */
    static long parse(String text, Map<String, Long> units, String what, String example) {
        Matcher m = NUMBER_AND_UNIT.matcher(text.trim());
        if (!m.matches()) {
            throw new IllegalArgumentException("invalid " + what + " '" + text + "' (expected e.g. " + example + ")");
        }
        BigDecimal number = new BigDecimal(m.group(1));
        if (number.signum() < 0) {
            throw new IllegalArgumentException(what + " must not be negative: '" + text + "'");
        }
        String unit = m.group(2).toLowerCase(Locale.ROOT);
        Long multiplier = units.get(unit);
        if (multiplier == null) {
            if (unit.isEmpty() && number.signum() == 0) {
                return 0;
            }
            String problem = unit.isEmpty() ? "missing unit" : "unknown unit '" + m.group(2) + "'";
            throw new IllegalArgumentException(
                    "invalid " + what + " '" + text + "': " + problem + " (expected e.g. " + example + ")");
        }
        BigDecimal total = number.multiply(BigDecimal.valueOf(multiplier));
        try {
            BigInteger whole = total.stripTrailingZeros().toBigIntegerExact();
            return whole.longValueExact();
        } catch (ArithmeticException e) {
            throw new IllegalArgumentException("invalid " + what + " '" + text + "': not a whole number of base units or too large");
        }
    }

    /** Formats with the largest unit (in the given order) that divides the value exactly. */
    static String format(long value, Map<String, Long> unitsLargestFirst, String baseUnit) {
        for (Map.Entry<String, Long> unit : unitsLargestFirst.entrySet()) {
            if (value != 0 && value % unit.getValue() == 0) {
                return (value / unit.getValue()) + unit.getKey();
            }
        }
        return value + baseUnit;
    }
}
