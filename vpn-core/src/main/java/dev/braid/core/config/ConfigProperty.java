package dev.braid.core.config;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.util.Optional;

/** One {@link ConfigKey} of a config class: its setter, getter, type and constraints. */
record ConfigProperty(
        String key,
        Method setter,
        Method getter,
        ValueType type,
        Optional<String> description,
        boolean secret,
        boolean required,
        Optional<Long> min,
        Optional<Long> max) {

    /**
     * Calls the setter. An IllegalArgumentException thrown by the setter (the config class's own
     * check) is passed on so it becomes a config error.
     */
    void set(Object target, Object value) {
        try {
            setter.invoke(target, value);
        } catch (InvocationTargetException e) {
            if (e.getCause() instanceof IllegalArgumentException iae) {
                throw iae;
            }
            throw new IllegalStateException("setter " + setter + " failed", e.getCause());
        } catch (IllegalAccessException e) {
            throw new IllegalStateException("setter " + setter + " is not accessible", e);
        }
    }

    Object get(Object target) {
        try {
            return getter.invoke(target);
        } catch (InvocationTargetException e) {
            throw new IllegalStateException("getter " + getter + " failed", e.getCause());
        } catch (IllegalAccessException e) {
            throw new IllegalStateException("getter " + getter + " is not accessible", e);
        }
    }

    /** Checks {@link ConfigMin}/{@link ConfigMax}; returns the problem, if any. */
    Optional<String> checkBounds(Object value) {
        if (min.isEmpty() && max.isEmpty()) {
            return Optional.empty();
        }
        double number = Bounds.magnitude(value);
        if (min.isPresent() && number < min.get()) {
            return Optional.of("must be at least " + Bounds.describe(value, min.get()) + ", got " + value);
        }
        if (max.isPresent() && number > max.get()) {
            return Optional.of("must be at most " + Bounds.describe(value, max.get()) + ", got " + value);
        }
        return Optional.empty();
    }
}
