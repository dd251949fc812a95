package dev.braid.core.cli;

import dev.braid.core.config.EffectiveConfig;
import dev.braid.core.logging.LogLevels;
import dev.braid.core.logging.LoggingConfig;
import dev.braid.core.spi.Role;
import java.nio.file.Path;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What {@code braid client} and {@code braid proxy} do first: set the log level, load and wire the
 * config, and log the role's effective config (at info the keys that differ from their defaults,
 * at debug every key).
 */
final class RoleStartup {
    private static final Logger log = LoggerFactory.getLogger(RoleStartup.class);

    private RoleStartup() {}

    static Bootstrap.Loaded load(Path config, Role role, LogLevelOption logLevel) {
        return load(config, role, logLevel, System.getenv(LogLevels.ENVIRONMENT_VARIABLE));
    }

    /** @param environment the value of BRAID_LOG_LEVEL, or null */
    static Bootstrap.Loaded load(Path config, Role role, LogLevelOption logLevel, String environment) {
        logLevel.beforeConfig(environment).ifPresent(LogLevels::apply);
        Bootstrap.Loaded loaded = new Bootstrap().load(config, role);
        LogLevels.apply(logLevel.afterConfig(loaded.document().section(Bootstrap.LOGGING_SECTION, LoggingConfig.class),
                environment));
        if (log.isDebugEnabled()) {
            log.debug("effective config of {}, every key:\n{}", config, loaded.effectiveConfig(EffectiveConfig.Detail.ALL_KEYS));
        } else {
            log.info("effective config of {}, keys that differ from their defaults (--log-level debug shows all):\n{}",
                    config, loaded.effectiveConfig(EffectiveConfig.Detail.CHANGED_KEYS));
        }
        return loaded;
    }
}
