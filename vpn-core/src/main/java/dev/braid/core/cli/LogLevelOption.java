package dev.braid.core.cli;

import dev.braid.core.logging.LogLevel;
import dev.braid.core.logging.LogLevels;
import dev.braid.core.logging.LoggingConfig;
import java.util.Optional;
import picocli.CommandLine.Option;

/**
 * {@code --log-level LEVEL} of the commands that run a role. What wins: the option, then the
 * BRAID_LOG_LEVEL environment variable (both say "this run"), then {@code logging.level} of the
 * config file, then info.
 */
final class LogLevelOption {
    @Option(names = "--log-level", paramLabel = "LEVEL",
            description = "error, warn, info, debug or trace; wins over BRAID_LOG_LEVEL and logging.level (default: info)")
    LogLevel level;

    /** The level known before the config is read (plugin loading logs already). */
    Optional<LogLevel> beforeConfig(String environmentValue) {
        return Optional.ofNullable(level).or(() -> fromEnvironment(environmentValue));
    }

    LogLevel afterConfig(LoggingConfig config, String environmentValue) {
        return beforeConfig(environmentValue).orElseGet(() -> config.getLevel() != null ? config.getLevel() : LogLevel.INFO);
    }

    private static Optional<LogLevel> fromEnvironment(String value) {
        if (value == null || value.isBlank()) {
            return Optional.empty();
        }
        return Optional.of(LogLevels.parse(value).orElseThrow(() -> new OperatorError(LogLevels.ENVIRONMENT_VARIABLE + "="
                + value + " is not a log level: use error, warn, info, debug or trace")));
    }
}
