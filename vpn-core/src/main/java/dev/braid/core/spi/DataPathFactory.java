package dev.braid.core.spi;

import java.util.Set;

/**
 * Creates the {@link DataPath} of a session. Bound by name in {@link Extensions#dataPaths}; the
 * client asks for one by name at login and the proxy must know the same name.
 */
public interface DataPathFactory {

    /** The name negotiated at login, e.g. {@code single} or {@code multilink}. */
    String name();

    /** CONTROL codes ({@code >= ControlType.FIRST_PLUGIN_CODE}) this data path handles. */
    default Set<Integer> controlTypes() {
        return Set.of();
    }

    /** Bytes this path adds in front of each inner packet; the tunnel MTU shrinks by as much. */
    default int dataHeaderBytes() {
        return 0;
    }

    DataPath create(SessionContext session);
}
