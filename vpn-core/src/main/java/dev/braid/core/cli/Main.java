package dev.braid.core.cli;

import java.util.ServiceLoader;
import picocli.CommandLine;

/** Entry point of the `braid` command. */
public final class Main {
    private Main() {}

    public static void main(String[] args) {
        System.exit(run(args));
    }

    /** Runs a command line and returns its exit code (for tests). */
    public static int run(String... args) {
        return commandLine().execute(args);
    }

    static CommandLine commandLine() {
        CommandLine cli = new CommandLine(new BraidCommand());
        for (CommandProvider provider : ServiceLoader.load(CommandProvider.class)) {
            for (Object command : provider.commands()) {
                cli.addSubcommand(command);
            }
        }
        cli.setCaseInsensitiveEnumValuesAllowed(true); // --log-level debug
        cli.setExecutionExceptionHandler(new OperatorErrorHandler());
        return cli;
    }
}
