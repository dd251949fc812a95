package dev.braid.core.cli;

import java.util.List;

/**
 * Adds top-level commands to `braid` (found with {@link java.util.ServiceLoader}); the testbed
 * contributes `demo`, `bench` and `linkem` this way, so the core never imports it.
 */
public interface CommandProvider {
    /** picocli {@code @Command}-annotated objects. */
    List<Object> commands();
}
