package dev.braid.core.config;

import java.util.Collection;

/**
 * The effective config as YAML text, for the startup log and {@code braid config check}. Keys are
 * sorted; keys without a value are shown as {@code # key: (not set)}; {@link ConfigSecret} values
 * as {@code "***"}. With every key, sections absent from the file are shown with their defaults
 * but commented out, so that loading the text again gives equal values (secrets aside) and a
 * section with required keys stays absent.
 */
public final class EffectiveConfig {
    /** How much of each section to show. */
    public enum Detail {
        /** Only keys whose value differs from the default: what the operator chose (the INFO log). */
        CHANGED_KEYS,
        /** Every key, defaults included (the DEBUG log). */
        ALL_KEYS,
        /** Every key with its {@link ConfigDescription} as a comment above it ({@code config check}). */
        ALL_KEYS_DESCRIBED
    }

    private EffectiveConfig() {}

    /** All sections of the document, every key, without descriptions. */
    public static String render(ConfigDocument document) {
        return render(document, document.sectionNames(), Detail.ALL_KEYS);
    }

    /** All sections; with {@code withDescriptions}, each key's {@link ConfigDescription} as a comment above it. */
    public static String render(ConfigDocument document, boolean withDescriptions) {
        return render(document, document.sectionNames(), withDescriptions ? Detail.ALL_KEYS_DESCRIBED : Detail.ALL_KEYS);
    }

    /** The named sections (e.g. those of the role that runs), in the given order. */
    public static String render(ConfigDocument document, Collection<String> sections, Detail detail) {
        StringBuilder text = new StringBuilder();
        for (String name : sections) {
            String section = document.listKeyword(name).map(keyword -> name + ": " + keyword + "\n")
                    .orElseGet(() -> new YamlWriter(detail).section(name, document.value(name)).text());
            if (document.isPresent(name) || detail == Detail.CHANGED_KEYS) {
                text.append(section);
            } else {
                text.append("# section '").append(name).append("' is absent; its defaults:\n");
                section.lines().forEach(line -> text.append("# ").append(line).append('\n'));
            }
        }
        return text.toString();
    }

    /** One section: a config object, or a {@code List} of config objects. */
    public static String renderSection(String name, Object config) {
        return new YamlWriter(Detail.ALL_KEYS).section(name, config).text();
    }
}
