package dev.braid.core.config;

/**
 * The effective config as YAML text: every registered section and every key, defaults included,
 * for the startup log and {@code braid config check}. Keys are sorted; keys without a value are
 * shown as {@code # key: (not set)}; {@link ConfigSecret} values as {@code "***"}. Sections absent
 * from the file are shown with their defaults but commented out, so that loading the text again
 * gives equal values (secrets aside) and a section with required keys stays absent.
 */
public final class EffectiveConfig {
    private EffectiveConfig() {}

    /** All sections of the document, sorted by name, without descriptions. */
    public static String render(ConfigDocument document) {
        return render(document, false);
    }

    /** All sections; with {@code withDescriptions}, each key's {@link ConfigDescription} as a comment above it. */
    public static String render(ConfigDocument document, boolean withDescriptions) {
        StringBuilder text = new StringBuilder();
        for (String name : document.sectionNames()) {
            String section = document.listKeyword(name).map(keyword -> name + ": " + keyword + "\n")
                    .orElseGet(() -> new YamlWriter(withDescriptions).section(name, document.value(name)).text());
            if (document.isPresent(name)) {
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
        return new YamlWriter(false).section(name, config).text();
    }
}
