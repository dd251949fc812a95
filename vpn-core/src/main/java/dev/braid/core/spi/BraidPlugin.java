package dev.braid.core.spi;

import com.google.inject.Module;
import java.util.Map;

/**
 * A Braid plugin, found with {@link java.util.ServiceLoader} and loaded when the config's
 * {@code plugins:} list names it. A plugin contributes a Guice module that adds to the core's
 * extension points ({@link Extensions}); everything else is a default method.
 */
public interface BraidPlugin {

    /** The name used in the config's {@code plugins:} list, e.g. {@code multilink}. */
    String name();

    /** Bindings this plugin adds. Called once, after its config sections are bound. */
    Module module();

    /**
     * Top-level config sections this plugin owns, by section name, mapped to the config class
     * that binds them. The bound instances are injectable.
     */
    default Map<String, Class<?>> configSections() {
        return Map.of();
    }
}
