package dev.braid.core.config;

import java.util.function.Function;

/** How a setter's parameter type maps to YAML: a scalar, a list, or a nested config object. */
sealed interface ValueType {

    /** A value written as one YAML scalar; {@code parse} throws IllegalArgumentException with a readable message. */
    record Scalar(Class<?> javaType, Function<String, Object> parse, Function<Object, String> format) implements ValueType {}

    /** {@code List<element>}; element is a Scalar or a Nested. */
    record ListOf(ValueType element) implements ValueType {}

    /** A nested config class with its own keys. */
    record Nested(ConfigClass configClass) implements ValueType {}
}
