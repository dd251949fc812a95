package dev.braid.core.net;

/**
 * An interface or route change failed. The message names the {@code ip} command and quotes
 * ip's own error, so the operator can re-run it by hand.
 */
public final class NetConfigException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final String command;
    private final String ipMessage;

    public NetConfigException(String command, String ipMessage, String message) {
        super(message);
        this.command = command;
        this.ipMessage = ipMessage;
    }

    public NetConfigException(String command, String ipMessage, String message, Throwable cause) {
        super(message, cause);
        this.command = command;
        this.ipMessage = ipMessage;
    }

    /** The command line that failed, for example {@code ip route add 10.0.0.0/24 dev braid0}. */
    public String command() {
        return command;
    }

    /** What ip printed on stderr (trimmed), or a description when ip could not run. */
    public String ipMessage() {
        return ipMessage;
    }
}
