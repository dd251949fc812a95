package dev.braid.core.cli;

/**
 * An error whose message is written for the operator (what is wrong and what to do). The CLI
 * prints just the message, without a stack trace, and exits with {@link #exitCode()}.
 */
public class OperatorError extends RuntimeException {
    private final int exitCode;

    public OperatorError(String message) {
        this(message, 1, null);
    }

    public OperatorError(String message, int exitCode, Throwable cause) {
        super(message, cause);
        this.exitCode = exitCode;
    }

    public int exitCode() {
        return exitCode;
    }
}
