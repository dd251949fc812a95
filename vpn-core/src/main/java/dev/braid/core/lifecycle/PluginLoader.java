package dev.braid.core.lifecycle;

import dev.braid.core.spi.BraidPlugin;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.ServiceLoader;
import java.util.TreeMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Finds plugins on the class path with {@link ServiceLoader} and picks those the config names. */
public final class PluginLoader {
    private static final Logger log = LoggerFactory.getLogger(PluginLoader.class);

    private final Map<String, BraidPlugin> available;

    public PluginLoader(ClassLoader classLoader) {
        Map<String, BraidPlugin> found = new TreeMap<>();
        for (BraidPlugin plugin : ServiceLoader.load(BraidPlugin.class, classLoader)) {
            BraidPlugin previous = found.put(plugin.name(), plugin);
            if (previous != null) {
                throw new PluginException("two plugins are named '" + plugin.name() + "': "
                        + previous.getClass().getName() + " and " + plugin.getClass().getName());
            }
        }
        this.available = found;
    }

    /** Every plugin on the class path, by name (for their config sections; nothing is loaded). */
    public java.util.Collection<BraidPlugin> all() {
        return available.values();
    }

    /** Names of every plugin on the class path, sorted. */
    public List<String> availableNames() {
        return List.copyOf(available.keySet());
    }

    /**
     * @return the named plugins, in the given order
     * @throws PluginException naming every unknown plugin and listing the known ones
     */
    public List<BraidPlugin> select(List<String> names) {
        List<BraidPlugin> selected = new ArrayList<>();
        List<String> unknown = new ArrayList<>();
        for (String name : names) {
            BraidPlugin plugin = available.get(name);
            if (plugin == null) {
                unknown.add(name);
            } else if (!selected.contains(plugin)) {
                selected.add(plugin);
            }
        }
        if (!unknown.isEmpty()) {
            throw new PluginException("unknown plugin" + (unknown.size() > 1 ? "s " : " ")
                    + String.join(", ", unknown.stream().map(n -> "'" + n + "'").toList())
                    + " (known: " + (available.isEmpty() ? "none" : String.join(", ", available.keySet())) + ")");
        }
        for (BraidPlugin plugin : selected) {
            log.info("loading plugin {} ({})", plugin.name(), plugin.getClass().getName());
        }
        return selected;
    }
}
