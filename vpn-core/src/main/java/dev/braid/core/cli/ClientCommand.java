package dev.braid.core.cli;

import dev.braid.core.client.BraidClient;
import dev.braid.core.client.ClientConfig;
import dev.braid.core.client.LinkConfig;
import dev.braid.core.logging.LogLevels;
import dev.braid.core.metrics.MetricsEndpoint;
import dev.braid.core.login.LoginResult;
import dev.braid.core.login.cli.PasswordFiles;
import dev.braid.core.login.cli.PasswordReader;
import dev.braid.core.net.InterfaceConfigurator;
import dev.braid.core.spi.Role;
import dev.braid.core.time.SystemClock;
import dev.braid.core.tun.KernelTunFactory;
import io.netty.buffer.PooledByteBufAllocator;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** `braid client --config FILE`: logs in and keeps the tunnel up until Ctrl-C or SIGTERM; SIGHUP reloads. */
@Command(name = "client", mixinStandardHelpOptions = true,
        description = "Run a Braid client: log in to the proxy and tunnel over every configured link.")
public final class ClientCommand implements Callable<Integer> {
    @Option(names = {"-c", "--config"}, required = true, description = "client config file (YAML)")
    Path config;

    @Mixin
    LogLevelOption logLevel = new LogLevelOption();

    @Option(names = "--password-file", description = "read the password from this file (overrides client.password-file)")
    Path passwordFile;

    @Override
    public Integer call() throws Exception {
        Bootstrap.Loaded loaded = RoleStartup.load(config, Role.CLIENT, logLevel);
        ClientConfig client = loaded.document().section(Bootstrap.CLIENT_SECTION, ClientConfig.class);
        Path file = passwordFile != null ? passwordFile
                : client.getPasswordFile().isEmpty() ? null : Path.of(client.getPasswordFile());
        byte[] password = file != null ? passwordFromFile(file) : prompt(client.getUser());
        boolean autoLinks = loaded.document().listKeyword(Bootstrap.LINKS_SECTION).isPresent();
        BraidClient braid = new BraidClient(client, loaded.document().listSection(Bootstrap.LINKS_SECTION, LinkConfig.class),
                autoLinks, loaded.pluginSet(), new KernelTunFactory(PooledByteBufAllocator.DEFAULT, new InterfaceConfigurator()),
                password, SystemClock.INSTANCE);
        java.util.Arrays.fill(password, (byte) 0);
        RoleReloader reloader = new RoleReloader(config, loaded, logLevel, System.getenv(LogLevels.ENVIRONMENT_VARIABLE),
                Optional.empty(), List.of(new LinksReload(braid, loaded.document())));
        braid.controlRequests().add("reload", () -> reloader.reload("braid reload").text());
        HangupSignal.onHangup(() -> reloader.reload("SIGHUP"));
        braid.start();
        LoginResult login;
        try {
            login = braid.awaitLogin(client.getLoginTimeout().toMillis(), TimeUnit.MILLISECONDS);
        } catch (RuntimeException e) {
            braid.close();
            throw e;
        }
        Optional<MetricsEndpoint> metrics = MetricsStartup.start(loaded, braid::metricsSample, braid);
        SystemdNotify.fromEnvironment().ready("tunnel up: " + login.username() + " on " + braid.tun().name() + " "
                + login.parameters().virtualAddress().getHostAddress());
        ShutdownSignal.runUntilSignalled("client", () -> {
            metrics.ifPresent(MetricsEndpoint::close);
            braid.close();
        });
        return 0;
    }

    private static byte[] passwordFromFile(Path file) {
        try {
            return PasswordFiles.readFirstLine(file);
        } catch (IllegalArgumentException e) {
            throw new OperatorError(e.getMessage());
        }
    }

    private static byte[] prompt(String user) {
        char[] typed = PasswordReader.console().read("Password for " + user + ": ");
        if (typed == null) {
            throw new OperatorError("no password: set client.password-file, pass --password-file, or run in a terminal");
        }
        byte[] password = new String(typed).getBytes(java.nio.charset.StandardCharsets.UTF_8);
        java.util.Arrays.fill(typed, '\0');
        return password;
    }
}
