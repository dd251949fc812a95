package dev.braid.core.lifecycle;

import dev.braid.core.spi.DataPathFactory;
import dev.braid.core.spi.NetworkHook;
import dev.braid.core.spi.SessionExtensionFactory;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * What the loaded plugins (and the core) contributed to the extension points, resolved once at
 * start-up: data paths by name, session extensions and network hooks in a stable order.
 */
public record PluginSet(Map<String, DataPathFactory> dataPaths, List<SessionExtensionFactory> extensions,
                        List<NetworkHook> networkHooks) {
    public PluginSet {
        dataPaths = new TreeMap<>(dataPaths);
        extensions = List.copyOf(extensions);
        networkHooks = List.copyOf(networkHooks);
    }

    /**
     * @throws IllegalArgumentException naming the known data paths when {@code name} is unknown
     */
    public DataPathFactory dataPath(String name) {
        DataPathFactory factory = dataPaths.get(name);
        if (factory == null) {
            throw new IllegalArgumentException("unknown data path '" + name + "' (known: "
                    + String.join(", ", dataPaths.keySet()) + ")");
        }
        return factory;
    }
}
