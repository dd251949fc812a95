package dev.braid.core.lifecycle;

/** Start-up failed for a reason the operator can act on; the message says what and what to do. */
public final class StartupException extends RuntimeException {
    public StartupException(String message, Throwable cause) {
        super(message, cause);
    }
}
