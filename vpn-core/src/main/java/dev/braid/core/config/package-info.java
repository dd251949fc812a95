/**
 * Strict YAML config binding for the core and every plugin.
 *
 * <p>Each module has one config class: public, a public no-arg constructor holding the defaults,
 * and setters annotated {@link dev.braid.core.config.ConfigKey} with a matching getter:
 *
 * <pre>{@code
 * public class LinkConfig {
 *     private Duration keepalive = Duration.ofSeconds(25);
 *
 *     @ConfigKey("keepalive")
 *     @ConfigDescription("interval between keepalive probes")
 *     public void setKeepalive(Duration keepalive) { this.keepalive = keepalive; }
 *     public Duration getKeepalive() { return keepalive; }
 * }
 * }</pre>
 *
 * <p>Key types: String, int/Integer, long/Long, double/Double, boolean/Boolean, enums
 * ({@code CHACHA20_POLY1305} is written {@code chacha20-poly1305}), {@link java.time.Duration}
 * ({@code 250ms 30s 5m 1h 1d}, also {@code ns us}; bare {@code 0}), {@link
 * dev.braid.core.config.DataSize}, {@link dev.braid.core.config.DataRate}, {@link
 * dev.braid.core.config.IpPrefix}, {@link dev.braid.core.config.HostPort}, {@code List<T>} of any
 * of these, nested config classes and {@code List<NestedConfig>}. Lists are passed to setters
 * unmodifiable; a nested object is a fresh instance of its class with the file's keys applied.
 *
 * <p>Checks: unknown keys and sections (with "did you mean"), wrong types and units, duplicate
 * keys, {@link dev.braid.core.config.ConfigMin}/{@link dev.braid.core.config.ConfigMax}, {@link
 * dev.braid.core.config.ConfigRequired}, an IllegalArgumentException thrown by a setter, and
 * {@link dev.braid.core.config.SelfValidatingConfig#validate()}. All problems of a file come in one
 * {@link dev.braid.core.config.ConfigException}, each as {@code FILE:LINE: key.path: message}.
 */
package dev.braid.core.config;
