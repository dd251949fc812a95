package dev.braid.core.cli;

import dev.braid.core.config.ConfigDocument;
import dev.braid.core.config.EffectiveConfig;
import dev.braid.core.lifecycle.Bootstrap;
import dev.braid.core.spi.Role;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/** `braid config check FILE`: validates a config and prints its role's sections with every default filled in. */
@Command(name = "config", mixinStandardHelpOptions = true, description = "Work with config files.",
        subcommands = ConfigCheckCommand.Check.class)
public final class ConfigCheckCommand implements Runnable {
    @picocli.CommandLine.Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(System.out);
    }

    @Command(name = "check", mixinStandardHelpOptions = true,
            description = "Check a proxy or client config; print all errors with their lines, or the effective config.")
    static final class Check implements Callable<Integer> {
        @Parameters(paramLabel = "FILE", description = "config file to check")
        Path file;

        @Override
        public Integer call() {
            Bootstrap bootstrap = new Bootstrap();
            ConfigDocument document = bootstrap.configLoader().load(file);
            boolean proxy = document.isPresent(Bootstrap.PROXY_SECTION);
            boolean client = document.isPresent(Bootstrap.CLIENT_SECTION);
            if (proxy == client) {
                throw new OperatorError(file + ": a config has exactly one of the sections `proxy:` or `client:`");
            }
            Bootstrap.Loaded loaded = bootstrap.wire(document, proxy ? Role.PROXY : Role.CLIENT);
            System.out.print(loaded.effectiveConfig(EffectiveConfig.Detail.ALL_KEYS_DESCRIBED));
            System.err.println(file + ": ok (" + (proxy ? "proxy" : "client") + " config)");
            return 0;
        }
    }
}
