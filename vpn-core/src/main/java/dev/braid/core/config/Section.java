package dev.braid.core.config;

/**
 * A registered top-level section: either one config object ({@code proxy:}) or a list of them
 * ({@code links:}).
 */
record Section(String name, Class<?> configClass, boolean list) {

    ValueType valueType() {
        ValueType.Nested item = new ValueType.Nested(ConfigClass.of(configClass));
        return list ? new ValueType.ListOf(item) : item;
    }
}
