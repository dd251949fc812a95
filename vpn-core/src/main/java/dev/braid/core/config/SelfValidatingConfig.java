package dev.braid.core.config;

import java.util.List;

/**
 * Implemented by a config class whose keys constrain each other (e.g. min-rate <= max-rate). Called
 * after the object was bound from the file without errors; each problem becomes one config error at
 * the object's line.
 */
public interface SelfValidatingConfig {
    /** @return problems, e.g. "min-rate (8mbit) must not exceed max-rate (4mbit)"; empty when valid */
    List<String> validate();
}
