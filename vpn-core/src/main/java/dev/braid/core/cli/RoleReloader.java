package dev.braid.core.cli;

import dev.braid.core.config.ConfigDiff;
import dev.braid.core.config.ConfigDocument;
import dev.braid.core.config.ConfigException;
import dev.braid.core.logging.LogLevel;
import dev.braid.core.logging.LogLevels;
import dev.braid.core.logging.LoggingConfig;
import dev.braid.core.login.UsersFile;
import dev.braid.core.login.UsersFileException;
import dev.braid.core.proxy.UsersReload;
import dev.braid.core.reload.ReloadPolicy;
import dev.braid.core.reload.ReloadResult;
import dev.braid.core.spi.ConfigReloader;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reloads a running client or proxy from its files (SIGHUP, {@code braid reload}, a changed users
 * file). All or nothing: the config file and the users file are read and checked first; a broken
 * file or a key that cannot change at run time refuses the reload and the running state stays as
 * it was. Only then are the changes applied. One reload at a time.
 */
final class RoleReloader {
    private static final Logger log = LoggerFactory.getLogger(RoleReloader.class);

    private final Path configFile;
    private final Bootstrap.Loaded started;
    private final LogLevelOption logLevel;
    private final String environment;
    /** The proxy's users; empty for the client. */
    private final Optional<UsersReload> users;
    /** The role's own reloadable parts beside the plugins' (the client's links). */
    private final List<ConfigReloader> roleReloaders;
    private ConfigDocument running;
    private LogLevel level;

    RoleReloader(Path configFile, Bootstrap.Loaded started, LogLevelOption logLevel, String environment,
                 Optional<UsersReload> users) {
        this(configFile, started, logLevel, environment, users, List.of());
    }

    RoleReloader(Path configFile, Bootstrap.Loaded started, LogLevelOption logLevel, String environment,
                 Optional<UsersReload> users, List<ConfigReloader> roleReloaders) {
        this.roleReloaders = List.copyOf(roleReloaders);
        this.configFile = configFile;
        this.started = started;
        this.logLevel = logLevel;
        this.environment = environment;
        this.users = users;
        this.running = started.document();
        this.level = logLevel.afterConfig(logging(running), environment);
    }

    /** Config file and users file. @param trigger what asked, for the log ("SIGHUP", "braid reload") */
    synchronized ReloadResult reload(String trigger) {
        return logged(trigger, reloadAll());
    }

    /** Only the users file (it changed on disk); the config file is left for an explicit reload. */
    synchronized ReloadResult reloadUsers(String trigger) {
        return logged(trigger, users.map(this::reloadUsersOnly).orElseGet(() -> ReloadResult.applied(List.of())));
    }

    private ReloadResult reloadAll() {
        ConfigDocument next;
        try {
            next = new Bootstrap().configLoader().load(configFile);
        } catch (ConfigException e) {
            return ReloadResult.refused("config " + configFile + ": " + e.getMessage().replace("\n", "; "));
        }
        List<String> changedKeys = ConfigDiff.changedKeys(running, next, started.roleSections());
        List<ConfigReloader> reloaders = new ArrayList<>(roleReloaders);
        reloaders.addAll(started.configReloaders());
        Optional<String> refusal = ReloadPolicy.refusal(changedKeys, started.role().name().toLowerCase(Locale.ROOT), reloaders);
        if (refusal.isPresent()) {
            return ReloadResult.refused(refusal.get());
        }
        List<ConfigReloader> changedParts = reloaders.stream()
                .filter(reloader -> changedKeys.stream().anyMatch(reloader.keys()::contains)).toList();
        for (ConfigReloader reloader : changedParts) {
            Optional<String> problem = reloader.check(next);
            if (problem.isPresent()) {
                return ReloadResult.refused(problem.get());
            }
        }
        Optional<UsersFile> nextUsers;
        try {
            nextUsers = users.isPresent() ? Optional.of(users.get().read()) : Optional.empty();
        } catch (UsersFileException e) {
            return ReloadResult.refused(e.getMessage());
        }
        List<String> changes = new ArrayList<>();
        applyLogLevel(next, changedKeys).ifPresent(changes::add);
        changedParts.forEach(reloader -> changes.add(reloader.apply(next)));
        running = next;
        if (nextUsers.isPresent()) {
            applyUsers(users.get(), nextUsers.get()).ifPresent(changes::add);
        }
        return ReloadResult.applied(changes);
    }

    private ReloadResult reloadUsersOnly(UsersReload part) {
        try {
            return ReloadResult.applied(applyUsers(part, part.read()).stream().toList());
        } catch (UsersFileException e) {
            return ReloadResult.refused(e.getMessage());
        }
    }

    private Optional<String> applyLogLevel(ConfigDocument next, List<String> changedKeys) {
        if (!changedKeys.contains("logging.level")) {
            return Optional.empty();
        }
        Optional<LogLevel> thisRun = logLevel.beforeConfig(environment);
        if (thisRun.isPresent()) {
            // --log-level or BRAID_LOG_LEVEL of this run wins over the file, at start and at reload.
            return Optional.of("logging.level is " + name(logging(next).getLevel()) + " in the file, but this run's "
                    + "--log-level or " + LogLevels.ENVIRONMENT_VARIABLE + " keeps " + name(level));
        }
        LogLevel wanted = logLevel.afterConfig(logging(next), environment);
        String change = "logging.level " + name(level) + " -> " + name(wanted);
        LogLevels.apply(wanted);
        level = wanted;
        return Optional.of(change);
    }

    private static Optional<String> applyUsers(UsersReload part, UsersFile next) {
        try {
            return part.apply(next);
        } catch (IllegalStateException e) {
            // The new users are in place; only ending a removed user's sessions failed.
            return Optional.of("users: swapped in, but ending removed users' sessions failed: " + e.getMessage());
        }
    }

    private static ReloadResult logged(String trigger, ReloadResult result) {
        if (result.applied()) {
            log.info("reload ({}): {}", trigger, result.text());
        } else {
            log.warn("reload ({}): {}", trigger, result.text());
        }
        return result;
    }

    private static LoggingConfig logging(ConfigDocument document) {
        return document.section(Bootstrap.LOGGING_SECTION, LoggingConfig.class);
    }

    private static String name(LogLevel level) {
        return level == null ? "(not set)" : level.name().toLowerCase(Locale.ROOT);
    }
}
