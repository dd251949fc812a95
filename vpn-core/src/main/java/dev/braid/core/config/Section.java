package dev.braid.core.config;

/**
 * A registered top-level section: either one config object ({@code proxy:}) or a list of them
 * ({@code links:}). A list section may also accept a keyword in place of the list
 * ({@code links: auto}).
 */
record Section(String name, Class<?> configClass, boolean list, java.util.Set<String> keywords) {

    Section(String name, Class<?> configClass, boolean list) {
        this(name, configClass, list, java.util.Set.of());
    }

    ValueType valueType() {
        ValueType.Nested item = new ValueType.Nested(ConfigClass.of(configClass));
        return list ? new ValueType.ListOf(item) : item;
    }
}
