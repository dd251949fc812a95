package dev.braid.core.spi;

import java.util.Set;

/** Makes one {@link SessionExtension} per session. Bound with {@link Extensions#sessionExtensions}. */
public interface SessionExtensionFactory {

    /** Short name for logs. */
    String name();

    /** CONTROL codes ({@code >= ControlType.FIRST_PLUGIN_CODE}) routed to this extension. */
    default Set<Integer> controlTypes() {
        return Set.of();
    }

    /**
     * True if this extension validates a peer's new address before moving a link there (with
     * {@link ExtensionContext#moveLink}). Otherwise the core follows the source address of the
     * last authenticated datagram, as WireGuard does.
     */
    default boolean validatesPaths() {
        return false;
    }

    SessionExtension create(ExtensionContext session);
}
