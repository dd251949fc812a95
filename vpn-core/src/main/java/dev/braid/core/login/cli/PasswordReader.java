package dev.braid.core.login.cli;

/** Reads a password interactively; tests substitute their own. */
@FunctionalInterface
public interface PasswordReader {

    /** @return the password typed, or null when there is no console to ask on */
    char[] read(String prompt);

    /** Reads from {@link System#console()} without echo; null when stdin/stdout is not a terminal. */
    static PasswordReader console() {
        return prompt -> System.console() == null ? null : System.console().readPassword("%s", prompt);
    }
}
