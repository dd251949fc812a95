package dev.braid.core.cli;

import picocli.CommandLine.Command;

/** `braid`: the top-level command; its subcommands do the work. */
@Command(name = "braid",
        mixinStandardHelpOptions = true,
        versionProvider = BraidVersion.class,
        description = "Multi-link bandwidth-aggregation VPN: one virtual interface over several links.",
        subcommands = {ProxyCommand.class, ClientCommand.class, dev.braid.core.login.cli.UserCommand.class,
                ConfigCheckCommand.class, StatusCommand.class, ReloadCommand.class})
public final class BraidCommand implements Runnable {
    @picocli.CommandLine.Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(System.out);
    }
}
