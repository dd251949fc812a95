package dev.braid.core.config;

import java.util.List;
import java.util.stream.Collectors;

/** All problems found in a config file; the message lists them, one per line. */
public final class ConfigException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final transient List<ConfigError> errors;

    public ConfigException(List<ConfigError> errors) {
        super(errors.stream().map(ConfigError::toString).collect(Collectors.joining("\n")));
        if (errors.isEmpty()) {
            throw new IllegalArgumentException("a ConfigException needs at least one error");
        }
        this.errors = List.copyOf(errors);
    }

    /** The problems, ordered by line. */
    public List<ConfigError> errors() {
        return errors;
    }
}
