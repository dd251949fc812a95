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

    SessionExtension create(ExtensionContext session);
}
