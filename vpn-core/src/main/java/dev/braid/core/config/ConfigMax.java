package dev.braid.core.config;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/** Upper bound (inclusive) for int/long/double keys, {@link DataSize} in bytes and {@link DataRate} in bits/s; applied to each element of a list. */
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.METHOD)
public @interface ConfigMax {
    long value();
}
