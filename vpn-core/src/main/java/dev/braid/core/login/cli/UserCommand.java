package dev.braid.core.login.cli;

import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** {@code braid user add|remove|list}: manages the proxy's users file. */
@Command(name = "user", mixinStandardHelpOptions = true,
        description = "Manage the proxy's users file (SRP verifiers, never passwords).",
        subcommands = {UserAddCommand.class, UserRemoveCommand.class, UserListCommand.class})
public final class UserCommand implements Runnable {

    @Spec
    CommandSpec spec;

    @Override
    public void run() {
        throw new ParameterException(spec.commandLine(), "missing subcommand: add, remove or list");
    }
}
