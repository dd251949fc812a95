package dev.braid.core.cli;

import picocli.CommandLine;
import picocli.CommandLine.IExecutionExceptionHandler;
import picocli.CommandLine.ParseResult;

/**
 * Prints operator errors as one clear message on stderr (no stack trace) and maps them to their
 * exit code; anything else is a bug and keeps its stack trace.
 */
final class OperatorErrorHandler implements IExecutionExceptionHandler {
    @Override
    public int handleExecutionException(Exception e, CommandLine cmd, ParseResult parseResult) throws Exception {
        Throwable operator = e;
        while (operator != null && !(operator instanceof OperatorError) && !isOperatorMessage(operator)) {
            operator = operator.getCause();
        }
        if (operator == null) {
            throw e;
        }
        cmd.getErr().println("braid: " + operator.getMessage());
        return operator instanceof OperatorError oe ? oe.exitCode() : 1;
    }

    /** Exceptions of the core whose messages are written for operators. */
    private static final java.util.List<Class<? extends Throwable>> OPERATOR_MESSAGES = java.util.List.of(
            dev.braid.core.lifecycle.PluginException.class,
            dev.braid.core.lifecycle.StartupException.class,
            dev.braid.core.config.ConfigException.class,
            dev.braid.core.tun.TunException.class,
            dev.braid.core.net.NetConfigException.class,
            dev.braid.core.net.SocketOptionException.class,
            dev.braid.core.client.LoginFailedException.class,
            dev.braid.core.login.UsersFileException.class);

    private static boolean isOperatorMessage(Throwable t) {
        return OPERATOR_MESSAGES.stream().anyMatch(c -> c.isInstance(t));
    }
}
