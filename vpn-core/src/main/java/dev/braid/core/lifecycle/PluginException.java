package dev.braid.core.lifecycle;

/** A plugin could not be found or loaded; the message is meant for the operator. */
public final class PluginException extends RuntimeException {
    public PluginException(String message) {
        super(message);
    }
}
