package dev.braid.core.client;

/** The client could not log in; the message is for the operator. */
public final class LoginFailedException extends RuntimeException {
    public LoginFailedException(String message) {
        super(message);
    }
}
