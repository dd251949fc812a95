package dev.braid.core.config;

/**
 * The effective config as YAML text: every registered section and every key, defaults included,
 * for the startup log and {@code braid config check}. Keys are sorted; keys without a value are
 * shown as {@code # key: (not set)}; {@link ConfigSecret} values as {@code "***"}. Loading the text
 * again gives equal values (secrets aside).
 */
public final class EffectiveConfig {
    private EffectiveConfig() {}

    /** All sections of the document, sorted by name, without descriptions. */
    public static String render(ConfigDocument document) {
        return render(document, false);
    }

    /** All sections; with {@code withDescriptions}, each key's {@link ConfigDescription} as a comment above it. */
    public static String render(ConfigDocument document, boolean withDescriptions) {
        YamlWriter writer = new YamlWriter(withDescriptions);
        for (String name : document.sectionNames()) {
            writer.section(name, document.value(name));
        }
        return writer.text();
    }

    /** One section: a config object, or a {@code List} of config objects. */
    public static String renderSection(String name, Object config) {
        return new YamlWriter(false).section(name, config).text();
    }
}
