package dev.braid.core.config;

import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * Writes bound config objects as block YAML that {@link ConfigLoader} reads back to equal values:
 * keys sorted, unset (null) keys as comments, secrets as {@code "***"}, scalar lists in flow style.
 * With {@link EffectiveConfig.Detail#CHANGED_KEYS} only keys whose value differs from a fresh
 * instance's are written (what reads back equal is then the file's own content).
 */
final class YamlWriter {
    /** Texts safe to write unquoted: no indicators at the start, no spaces, no trailing ':'. */
    private static final Pattern PLAIN_SAFE = Pattern.compile("[A-Za-z0-9_./][A-Za-z0-9_./:@+\\-]*(?<!:)");
    /** Strings a YAML reader would take for null, a boolean or a number; quoted to stay strings. */
    private static final Pattern NOT_A_STRING = Pattern.compile(
            "(?i)null|~|true|false|yes|no|on|off|y|n|[-+]?[0-9][0-9_]*(\\.[0-9]*)?([eE][-+]?[0-9]+)?|\\.inf|\\.nan");
    private static final Set<Class<?>> PLAIN_TYPES = Set.of(
            int.class, Integer.class, long.class, Long.class, double.class, Double.class, boolean.class, Boolean.class);

    private final StringBuilder out = new StringBuilder();
    private final EffectiveConfig.Detail detail;

    YamlWriter(EffectiveConfig.Detail detail) {
        this.detail = detail;
    }

    /** Writes {@code name:} followed by a config object or a List of them. */
    YamlWriter section(String name, Object value) {
        if (value instanceof List<?> items) {
            writeObjectList(name, items, 0);
        } else {
            writeObject(name, ConfigClass.of(value.getClass()), value, 0);
        }
        return this;
    }

    String text() {
        return out.toString();
    }

    private void writeObject(String key, ConfigClass configClass, Object instance, int indent) {
        int start = out.length();
        line(indent, key + ":");
        int keysStart = out.length();
        writeProperties(configClass, instance, indent + 2);
        if (out.length() == keysStart) {
            out.setLength(start);
            line(indent, key + ": {}");
        }
    }

    private void writeProperties(ConfigClass configClass, Object instance, int indent) {
        Object defaults = detail == EffectiveConfig.Detail.CHANGED_KEYS ? configClass.newInstance() : null;
        for (ConfigProperty property : configClass.properties().values()) {
            Object value = property.get(instance);
            if (defaults != null && isDefault(property, value, property.get(defaults))) {
                continue;
            }
            if (detail == EffectiveConfig.Detail.ALL_KEYS_DESCRIBED) {
                property.description().ifPresent(description -> line(indent, "# " + description));
            }
            if (value == null) {
                line(indent, "# " + property.key() + ": (not set)");
            } else if (property.secret()) {
                line(indent, property.key() + ": \"***\"");
            } else if (property.type() instanceof ValueType.Scalar scalar) {
                line(indent, property.key() + ": " + scalarText(scalar, value));
            } else if (property.type() instanceof ValueType.ListOf list) {
                writeList(property.key(), list, (List<?>) value, indent);
            } else {
                writeObject(property.key(), ((ValueType.Nested) property.type()).configClass(), value, indent);
            }
        }
    }

    /** Nested objects count as default when none of their keys differ (they have no equals). */
    private static boolean isDefault(ConfigProperty property, Object value, Object defaultValue) {
        if (property.type() instanceof ValueType.Nested nested && value != null && defaultValue != null) {
            return nested.configClass().properties().values().stream()
                    .allMatch(inner -> isDefault(inner, inner.get(value), inner.get(defaultValue)));
        }
        return java.util.Objects.equals(value, defaultValue);
    }

    private void writeList(String key, ValueType.ListOf list, List<?> values, int indent) {
        if (list.element() instanceof ValueType.Scalar scalar) {
            String items = values.stream().map(value -> scalarText(scalar, value)).collect(Collectors.joining(", "));
            line(indent, key + ": [" + items + "]");
        } else {
            writeObjectList(key, values, indent);
        }
    }

    private void writeObjectList(String key, List<?> items, int indent) {
        if (items.isEmpty()) {
            line(indent, key + ": []");
            return;
        }
        line(indent, key + ":");
        for (Object item : items) {
            // write the item's keys 4 deeper, then turn the first line's indentation into "- "
            int start = out.length();
            writeProperties(ConfigClass.of(item.getClass()), item, indent + 4);
            if (out.length() == start) {
                line(indent + 2, "- {}");
            } else {
                out.replace(start, start + indent + 4, " ".repeat(indent + 2) + "- ");
            }
        }
    }

    private void line(int indent, String text) {
        out.append(" ".repeat(indent)).append(text).append('\n');
    }

    private static String scalarText(ValueType.Scalar scalar, Object value) {
        String text = scalar.format().apply(value);
        if (PLAIN_TYPES.contains(scalar.javaType())) {
            return text;
        }
        if (PLAIN_SAFE.matcher(text).matches() && !NOT_A_STRING.matcher(text).matches()) {
            return text;
        }
        return quoted(text);
    }

    private static String quoted(String text) {
        StringBuilder quoted = new StringBuilder("\"");
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            switch (c) {
                case '"' -> quoted.append("\\\"");
                case '\\' -> quoted.append("\\\\");
                case '\n' -> quoted.append("\\n");
                case '\t' -> quoted.append("\\t");
                case '\r' -> quoted.append("\\r");
                default -> {
                    if (c < 0x20 || c == 0x7F) {
                        quoted.append(String.format("\\x%02x", (int) c));
                    } else {
                        quoted.append(c);
                    }
                }
            }
        }
        return quoted.append('"').toString();
    }
}
