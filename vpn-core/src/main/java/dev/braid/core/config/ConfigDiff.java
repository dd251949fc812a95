package dev.braid.core.config;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Objects;

/**
 * Which keys differ between two loads of a config file, named {@code section.key} (nested keys
 * {@code section.outer.inner}; a list section such as {@code links} as a whole). What a reload
 * compares the running config with.
 */
public final class ConfigDiff {
    private ConfigDiff() {}

    /** The changed keys of {@code sections}, in section order, keys sorted. */
    public static List<String> changedKeys(ConfigDocument before, ConfigDocument after, Collection<String> sections) {
        List<String> changed = new ArrayList<>();
        for (String name : sections) {
            Object old = before.value(name);
            Object now = after.value(name);
            if (old instanceof List<?> || now instanceof List<?>) {
                // List items have no identity to diff by; any difference is a change of the list.
                if (!before.listKeyword(name).equals(after.listKeyword(name))
                        || !EffectiveConfig.renderSection(name, old).equals(EffectiveConfig.renderSection(name, now))) {
                    changed.add(name);
                }
            } else {
                compare(name, ConfigClass.of(old.getClass()), old, now, changed);
            }
        }
        return changed;
    }

    private static void compare(String prefix, ConfigClass configClass, Object old, Object now, List<String> changed) {
        for (ConfigProperty property : configClass.properties().values()) {
            Object a = property.get(old);
            Object b = property.get(now);
            String key = prefix + "." + property.key();
            if (property.type() instanceof ValueType.Nested nested && a != null && b != null) {
                compare(key, nested.configClass(), a, b, changed); // config objects have no equals
            } else if (!sameValue(property, a, b)) {
                changed.add(key);
            }
        }
    }

    private static boolean sameValue(ConfigProperty property, Object a, Object b) {
        if (a != null && b != null && property.type() instanceof ValueType.ListOf list
                && list.element() instanceof ValueType.Nested) {
            return EffectiveConfig.renderSection(property.key(), a).equals(EffectiveConfig.renderSection(property.key(), b));
        }
        return Objects.equals(a, b);
    }
}
