package dev.braid.core.config;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/** Marks a setter as bound to the YAML key {@code value()}, e.g. {@code @ConfigKey("max-rate")}. A matching getter (get/is) must exist so the effective config can be rendered. */
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.METHOD)
public @interface ConfigKey {
    String value();
}
