package dev.braid.core.cli;

import dev.braid.core.logging.LogLevels;
import dev.braid.core.login.UsersFile;
import dev.braid.core.metrics.MetricsEndpoint;
import dev.braid.core.net.InterfaceConfigurator;
import dev.braid.core.proxy.ProxyConfig;
import dev.braid.core.proxy.ProxyServer;
import dev.braid.core.proxy.UsersReload;
import dev.braid.core.reload.FileWatch;
import dev.braid.core.reload.LiveUsers;
import dev.braid.core.spi.Addresses;
import dev.braid.core.spi.Role;
import dev.braid.core.time.SystemClock;
import dev.braid.core.tun.KernelTunFactory;
import io.netty.buffer.PooledByteBufAllocator;
import java.nio.file.Path;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * `braid proxy --config FILE`: runs the proxy until Ctrl-C or SIGTERM; SIGHUP, `braid reload` and a
 * change of the users file reload it.
 */
@Command(name = "proxy", mixinStandardHelpOptions = true,
        description = "Run a Braid proxy: clients log in here and their traffic leaves from here.")
public final class ProxyCommand implements Callable<Integer> {
    @Option(names = {"-c", "--config"}, required = true, description = "proxy config file (YAML)")
    Path config;

    @Mixin
    LogLevelOption logLevel = new LogLevelOption();

    @Override
    public Integer call() throws Exception {
        Bootstrap.Loaded loaded = RoleStartup.load(config, Role.PROXY, logLevel);
        ProxyConfig proxy = loaded.document().section(Bootstrap.PROXY_SECTION, ProxyConfig.class);
        Path usersFile = Path.of(proxy.getUsers());
        LiveUsers users = new LiveUsers(UsersFile.load(usersFile));
        ProxyServer server = new ProxyServer(proxy, loaded.pluginSet(),
                new KernelTunFactory(PooledByteBufAllocator.DEFAULT, new InterfaceConfigurator()), users,
                SystemClock.INSTANCE);
        RoleReloader reloader = new RoleReloader(config, loaded, logLevel, System.getenv(LogLevels.ENVIRONMENT_VARIABLE),
                Optional.of(new UsersReload(usersFile, users, server)));
        server.controlRequests().add("reload", () -> reloader.reload("braid reload").text());
        HangupSignal.onHangup(() -> reloader.reload("SIGHUP"));
        server.start();
        Optional<MetricsEndpoint> metrics = MetricsStartup.start(loaded, server::metricsSample, server);
        FileWatch watch = proxy.getUsersWatch().isZero() ? null
                : FileWatch.start(usersFile, proxy.getUsersWatch(), () -> reloader.reloadUsers(usersFile + " changed"));
        SystemdNotify.fromEnvironment().ready("listening on " + Addresses.format(server.localAddress()));
        ShutdownSignal.runUntilSignalled("proxy", () -> {
            if (watch != null) {
                watch.close();
            }
            metrics.ifPresent(MetricsEndpoint::close);
            server.close();
        });
        return 0;
    }
}
