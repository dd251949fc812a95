package dev.braid.core.config;

import java.time.Duration;
import java.util.Arrays;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;

/** The scalar types a config key may have, with their text forms. */
final class ScalarTypes {
    private static final Map<Class<?>, ValueType.Scalar> BUILT_IN = Map.ofEntries(
            scalar(String.class, text -> text, Object::toString),
            scalar(int.class, ScalarTypes::parseInt, Object::toString),
            scalar(Integer.class, ScalarTypes::parseInt, Object::toString),
            scalar(long.class, ScalarTypes::parseLong, Object::toString),
            scalar(Long.class, ScalarTypes::parseLong, Object::toString),
            scalar(double.class, ScalarTypes::parseDouble, Object::toString),
            scalar(Double.class, ScalarTypes::parseDouble, Object::toString),
            scalar(boolean.class, ScalarTypes::parseBoolean, Object::toString),
            scalar(Boolean.class, ScalarTypes::parseBoolean, Object::toString),
            scalar(Duration.class, Durations::parse, value -> Durations.format((Duration) value)),
            scalar(DataSize.class, DataSize::parse, Object::toString),
            scalar(DataRate.class, DataRate::parse, Object::toString),
            scalar(IpPrefix.class, IpPrefix::parse, Object::toString),
            scalar(InetPrefix.class, InetPrefix::parse, Object::toString),
            scalar(HostPort.class, HostPort::parse, Object::toString));

    private ScalarTypes() {}

    static Optional<ValueType.Scalar> forClass(Class<?> type) {
        if (type.isEnum()) {
            return Optional.of(enumType(type));
        }
        return Optional.ofNullable(BUILT_IN.get(type));
    }

    /** {@code CHACHA20_POLY1305} <-> {@code chacha20-poly1305}. */
    static String enumText(Enum<?> constant) {
        return constant.name().toLowerCase(Locale.ROOT).replace('_', '-');
    }

    private static ValueType.Scalar enumType(Class<?> type) {
        Enum<?>[] constants = (Enum<?>[]) type.getEnumConstants();
        String allowed = Arrays.stream(constants).map(ScalarTypes::enumText).collect(Collectors.joining(", "));
        Function<String, Object> parse = text -> {
            for (Enum<?> constant : constants) {
                if (enumText(constant).equalsIgnoreCase(text.trim())) {
                    return constant;
                }
            }
            throw new IllegalArgumentException("invalid value '" + text + "' (allowed: " + allowed + ")");
        };
        return new ValueType.Scalar(type, parse, value -> enumText((Enum<?>) value));
    }

    private static Map.Entry<Class<?>, ValueType.Scalar> scalar(
            Class<?> type, Function<String, Object> parse, Function<Object, String> format) {
        return Map.entry(type, new ValueType.Scalar(type, parse, format));
    }

    private static Object parseInt(String text) {
        try {
            return Integer.parseInt(text.trim());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("expected an integer, got '" + text + "'");
        }
    }

    private static Object parseLong(String text) {
        try {
            return Long.parseLong(text.trim());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("expected an integer, got '" + text + "'");
        }
    }

    private static Object parseDouble(String text) {
        try {
            String trimmed = text.trim();
            // Double.parseDouble alone would also take "1d", "0x1p3" and "NaN"
            if (!trimmed.matches("[-+]?[0-9]+(\\.[0-9]+)?([eE][-+]?[0-9]+)?")) {
                throw new NumberFormatException();
            }
            return Double.parseDouble(trimmed);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("expected a number, got '" + text + "'");
        }
    }

    private static Object parseBoolean(String text) {
        String trimmed = text.trim();
        if (trimmed.equalsIgnoreCase("true")) {
            return true;
        }
        if (trimmed.equalsIgnoreCase("false")) {
            return false;
        }
        throw new IllegalArgumentException("expected true or false, got '" + text + "'");
    }
}
