package dev.braid.core.config;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.snakeyaml.engine.v2.nodes.MappingNode;
import org.snakeyaml.engine.v2.nodes.Node;
import org.snakeyaml.engine.v2.nodes.NodeTuple;
import org.snakeyaml.engine.v2.nodes.ScalarNode;
import org.snakeyaml.engine.v2.nodes.SequenceNode;
import org.snakeyaml.engine.v2.nodes.Tag;

/**
 * Binds composed YAML nodes to config objects. Never stops at the first problem: every problem is
 * added to the shared error list with its file line and key path, and binding goes on.
 */
final class NodeBinder {
    private final String file;
    private final List<ConfigError> errors;

    NodeBinder(String file, List<ConfigError> errors) {
        this.file = file;
        this.errors = errors;
    }

    /**
     * A fresh instance of the class with the keys of {@code node} applied. {@code node == null}
     * means the object is absent: defaults, and no required-key or validate() checks.
     */
    Object bindObject(ConfigClass configClass, Node node, String path) {
        Object instance = configClass.newInstance();
        if (node == null) {
            return instance;
        }
        int errorsBefore = errors.size();
        Map<String, Node> seenKeys = new HashMap<>();
        if (node instanceof MappingNode mapping) {
            for (NodeTuple tuple : mapping.getValue()) {
                bindKey(configClass, instance, tuple, path, seenKeys);
            }
        } else if (!isNull(node)) {
            error(node, path, "expected a mapping of keys, got " + describe(node));
            return instance;
        }
        for (ConfigProperty property : configClass.properties().values()) {
            if (property.required() && !seenKeys.containsKey(property.key())) {
                error(node, join(path, property.key()), "missing required key");
            }
        }
        // validate() only sees fully bound objects, so it cannot report follow-on errors
        if (errors.size() == errorsBefore && instance instanceof SelfValidatingConfig validating) {
            for (String problem : validating.validate()) {
                error(node, path, problem);
            }
        }
        return instance;
    }

    /** A list of values of {@code elementType}; absent or empty YAML value means an empty list. */
    Optional<Object> bindList(ValueType.ListOf listType, Node node, String path, ConfigProperty bounds) {
        if (node == null || isNull(node)) {
            return Optional.of(List.of());
        }
        if (!(node instanceof SequenceNode sequence)) {
            error(node, path, "expected a list, got " + describe(node));
            return Optional.empty();
        }
        List<Object> values = new ArrayList<>();
        boolean failed = false;
        List<Node> items = sequence.getValue();
        for (int i = 0; i < items.size(); i++) {
            Optional<Object> item = bindValue(listType.element(), items.get(i), path + "[" + i + "]", bounds);
            if (item.isPresent()) {
                values.add(item.get());
            } else {
                failed = true;
            }
        }
        return failed ? Optional.empty() : Optional.of(List.copyOf(values));
    }

    private void bindKey(ConfigClass configClass, Object instance, NodeTuple tuple, String path, Map<String, Node> seenKeys) {
        Node keyNode = tuple.getKeyNode();
        if (!(keyNode instanceof ScalarNode scalarKey) || isNull(keyNode)) {
            error(keyNode, path, "keys must be plain names, got " + describe(keyNode));
            return;
        }
        String key = scalarKey.getValue();
        String keyPath = join(path, key);
        Node firstOccurrence = seenKeys.putIfAbsent(key, keyNode);
        if (firstOccurrence != null) {
            error(keyNode, keyPath, "duplicate key (first at line " + line(firstOccurrence) + ")");
            return;
        }
        ConfigProperty property = configClass.properties().get(key);
        if (property == null) {
            error(keyNode, keyPath, unknownKeyMessage("key", key, configClass.properties().keySet()));
            return;
        }
        Node valueNode = tuple.getValueNode();
        Optional<Object> value = bindValue(property.type(), valueNode, keyPath, property);
        if (value.isPresent()) {
            try {
                property.set(instance, value.get());
            } catch (IllegalArgumentException e) {
                error(valueNode, keyPath, e.getMessage());
            }
        }
    }

    private Optional<Object> bindValue(ValueType type, Node node, String path, ConfigProperty bounds) {
        if (type instanceof ValueType.Scalar scalar) {
            return bindScalar(scalar, node, path, bounds);
        }
        if (type instanceof ValueType.ListOf list) {
            return bindList(list, node, path, bounds);
        }
        ValueType.Nested nested = (ValueType.Nested) type;
        return Optional.of(bindObject(nested.configClass(), node, path));
    }

    private Optional<Object> bindScalar(ValueType.Scalar scalar, Node node, String path, ConfigProperty bounds) {
        if (isNull(node)) {
            String hint = scalar.javaType() == String.class ? " (write \"\" for an empty string)" : "";
            error(node, path, "missing value" + hint);
            return Optional.empty();
        }
        if (!(node instanceof ScalarNode scalarNode)) {
            error(node, path, "expected a single value, got " + describe(node));
            return Optional.empty();
        }
        Object value;
        try {
            value = scalar.parse().apply(scalarNode.getValue());
        } catch (IllegalArgumentException e) {
            error(node, path, e.getMessage());
            return Optional.empty();
        }
        Optional<String> outOfBounds = bounds == null ? Optional.empty() : bounds.checkBounds(value);
        if (outOfBounds.isPresent()) {
            error(node, path, outOfBounds.get());
            return Optional.empty();
        }
        return Optional.of(value);
    }

    void error(Node node, String path, String message) {
        errors.add(new ConfigError(file, line(node), path, message));
    }

    static String unknownKeyMessage(String what, String key, Collection<String> known) {
        Optional<String> suggestion = KeySuggestion.closest(key, known);
        if (suggestion.isPresent()) {
            return "unknown " + what + " '" + key + "' (did you mean '" + suggestion.get() + "'?)";
        }
        return "unknown " + what + " '" + key + "' (known: " + (known.isEmpty() ? "none" : String.join(", ", known)) + ")";
    }

    static int line(Node node) {
        return node.getStartMark().map(mark -> mark.getLine() + 1).orElse(0);
    }

    static boolean isNull(Node node) {
        return node instanceof ScalarNode && Tag.NULL.equals(node.getTag());
    }

    static String describe(Node node) {
        if (node instanceof SequenceNode) {
            return "a list";
        }
        if (node instanceof MappingNode) {
            return "a mapping";
        }
        return "the value '" + ((ScalarNode) node).getValue() + "'";
    }

    static String join(String path, String key) {
        return path.isEmpty() ? key : path + "." + key;
    }
}
