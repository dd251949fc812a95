package dev.braid.core.cli;

import dev.braid.core.lifecycle.Bootstrap;
import dev.braid.core.login.UsersFile;
import dev.braid.core.net.InterfaceConfigurator;
import dev.braid.core.proxy.ProxyConfig;
import dev.braid.core.proxy.ProxyServer;
import dev.braid.core.spi.Role;
import dev.braid.core.time.SystemClock;
import dev.braid.core.tun.KernelTunFactory;
import io.netty.buffer.PooledByteBufAllocator;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** `braid proxy --config FILE`: runs the proxy until Ctrl-C or SIGTERM. */
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
        UsersFile users = UsersFile.load(Path.of(proxy.getUsers()));
        ProxyServer server = new ProxyServer(proxy, loaded.pluginSet(),
                new KernelTunFactory(PooledByteBufAllocator.DEFAULT, new InterfaceConfigurator()), users,
                SystemClock.INSTANCE);
        server.start();
        ShutdownSignal.runUntilSignalled("proxy", server);
        return 0;
    }
}
