package dev.braid.core.login;

/** A users file problem; the message names the file and, when it applies, the line. */
public final class UsersFileException extends Exception {
    private static final long serialVersionUID = 1L;

    public UsersFileException(String message) {
        super(message);
    }

    public UsersFileException(String message, Throwable cause) {
        super(message, cause);
    }
}
