package dev.braid.core.client;

/**
 * A configured link whose interface cannot carry it now; it is shown as down in status and comes
 * up when the interface does. {@code reason}: "no such interface" or "interface down or without IPv4 or global IPv6".
 */
public record WaitingLink(String name, String interfaceName, String reason) {
    public static final String NO_SUCH_INTERFACE = "no such interface";
    public static final String NOT_USABLE = "interface down or without IPv4 or global IPv6";
}
