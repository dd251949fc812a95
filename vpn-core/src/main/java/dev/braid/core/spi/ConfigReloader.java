package dev.braid.core.spi;

import dev.braid.core.config.ConfigDocument;
import java.util.Optional;
import java.util.Set;

/**
 * A plugin's config keys that take effect without a restart (SIGHUP, {@code braid reload}). A
 * reload is all or nothing: the file is loaded and validated whole, a changed key no reloader
 * claims refuses it, and so does a {@link #check}; only then is {@link #apply} called, on the reload's thread, not an event
 * loop (so what it changes must be safe to read from the sessions' loops).
 */
public interface ConfigReloader {

    /** The keys it applies at run time, named as in the refusal, {@code section.key}. */
    Set<String> keys();

    /** For the refusal's list of what reloads, e.g. "nat-probe's probe intervals". */
    String what();

    /** The reason the new config cannot be applied (naming the key), or empty; applies nothing. */
    default Optional<String> check(ConfigDocument next) {
        return Optional.empty();
    }

    /** Takes the new values; running sessions keep going. @return what changed, for the log */
    String apply(ConfigDocument next);
}
