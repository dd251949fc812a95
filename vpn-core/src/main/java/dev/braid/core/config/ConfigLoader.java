package dev.braid.core.config;

import dev.braid.core.files.FileProblems;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import org.snakeyaml.engine.v2.api.LoadSettings;
import org.snakeyaml.engine.v2.api.lowlevel.Compose;
import org.snakeyaml.engine.v2.exceptions.MarkedYamlEngineException;
import org.snakeyaml.engine.v2.exceptions.YamlEngineException;
import org.snakeyaml.engine.v2.nodes.MappingNode;
import org.snakeyaml.engine.v2.nodes.Node;
import org.snakeyaml.engine.v2.nodes.NodeTuple;
import org.snakeyaml.engine.v2.nodes.ScalarNode;

/**
 * Loads a YAML config file whose top-level keys are sections, each bound to the config class that
 * the core or a plugin registered for it.
 *
 * <ol>
 *   <li>Register every section: {@code loader.register("proxy", ProxyConfig.class)}, and list
 *       sections with {@code registerList("links", LinkConfig.class)}.
 *   <li>{@link #load(Path)} composes the YAML (keeping each node's line), binds every section and
 *       collects every problem: syntax, unknown section or key, wrong type or unit, bounds,
 *       required keys, the classes' own {@code validate()}.
 *   <li>Any problem: one {@link ConfigException} listing them all, ordered by line. Otherwise a
 *       {@link ConfigDocument} with one bound instance per registered section (defaults when the
 *       section is absent).
 * </ol>
 *
 * <p>Register from one thread during start-up; {@code load} may then be called any number of times.
 */
public final class ConfigLoader {
    /** A value that starts with "[" and holds a ":": an unquoted [ipv6]:port, or a flow list of IPv6 prefixes. */
    private static final java.util.regex.Pattern UNQUOTED_BRACKETS = java.util.regex.Pattern.compile(":\\s+\\[[^\\]\"']*:");

    private final Map<String, Section> sections = new TreeMap<>();

    /**
     * Claims the top-level section {@code name} for {@code configClass}. The class is checked now
     * (public no-arg constructor, supported setter types, getters).
     *
     * @throws IllegalArgumentException if the class is malformed or the name is already claimed by
     *     another class
     */
    public ConfigLoader register(String name, Class<?> configClass) {
        return add(new Section(name, configClass, false));
    }

    /**
     * Claims the top-level section {@code name} as a list of {@code itemClass} objects, or one of
     * {@code keywords} written in place of the list (see {@link ConfigDocument#listKeyword}).
     */
    public ConfigLoader registerList(String name, Class<?> itemClass, Set<String> keywords) {
        return add(new Section(name, itemClass, true, Set.copyOf(keywords)));
    }

    /** Claims the top-level section {@code name} as a list of {@code itemClass} objects. */
    public ConfigLoader registerList(String name, Class<?> itemClass) {
        return add(new Section(name, itemClass, true));
    }

    /** The registered section names, sorted. */
    public Set<String> sectionNames() {
        return sections.keySet();
    }

    /** @throws ConfigException with every problem of the file, or one if it cannot be read */
    public ConfigDocument load(Path file) {
        String text;
        try {
            text = Files.readString(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new ConfigException(List.of(new ConfigError(file.toString(), 0, "", "cannot read: "
                    + FileProblems.reason(file, e))));
        }
        return load(file.toString(), text);
    }

    /**
     * Loads YAML text as if read from {@code fileName} (used in error messages).
     *
     * @throws ConfigException with every problem found
     */
    public ConfigDocument load(String fileName, String yaml) {
        Optional<Node> root;
        try {
            // One buffer for the whole text: SnakeYAML's reader throws IndexOutOfBoundsException
            // when a surrogate pair (an emoji, say) straddles two of its 1024-character reads.
            root = new Compose(LoadSettings.builder().setLabel(fileName).setBufferSize(Math.max(1024, yaml.length() + 1))
                    .build()).composeString(yaml);
        } catch (MarkedYamlEngineException e) {
            throw new ConfigException(List.of(syntaxError(fileName, yaml, e)));
        } catch (YamlEngineException e) {
            throw new ConfigException(List.of(new ConfigError(fileName, 0, "", "YAML error: " + e.getMessage())));
        } catch (StackOverflowError e) {
            // SnakeYAML's parser recurses once per level and has no depth limit; the whole parse
            // unwinds here, so nothing is left half-done.
            throw new ConfigException(List.of(new ConfigError(fileName, 0, "",
                    "YAML error: the document is nested too deeply to read (thousands of levels)")));
        }
        List<ConfigError> errors = new ArrayList<>();
        NodeBinder binder = new NodeBinder(fileName, errors);
        Map<String, Node> sectionNodes = root.map(node -> sectionNodes(node, binder)).orElse(Map.of());
        Map<String, Object> values = new LinkedHashMap<>();
        Map<String, String> keywords = new LinkedHashMap<>();
        for (Section section : sections.values()) {
            Node node = sectionNodes.get(section.name());
            if (node instanceof org.snakeyaml.engine.v2.nodes.ScalarNode scalar
                    && section.keywords().contains(scalar.getValue())) {
                keywords.put(section.name(), scalar.getValue());
                values.put(section.name(), List.of());
                continue;
            }
            values.put(section.name(), section.list()
                    ? binder.bindList((ValueType.ListOf) section.valueType(), node, section.name(), null).orElse(List.of())
                    : binder.bindObject(ConfigClass.of(section.configClass()), node, section.name()));
        }
        if (!errors.isEmpty()) {
            errors.sort(Comparator.comparingInt(ConfigError::line));
            throw new ConfigException(errors);
        }
        return new ConfigDocument(fileName, sections, values, sectionNodes.keySet(), keywords);
    }

    private ConfigLoader add(Section section) {
        if (section.name().isEmpty()) {
            throw new IllegalArgumentException("section name must not be empty");
        }
        ConfigClass.of(section.configClass());
        Section previous = sections.putIfAbsent(section.name(), section);
        if (previous != null && !previous.equals(section)) {
            throw new IllegalArgumentException("section '" + section.name() + "' is already registered for "
                    + previous.configClass().getName() + (previous.list() ? " (list)" : ""));
        }
        return this;
    }

    /** Top-level key -> value node for the registered sections; reports the other keys. */
    private Map<String, Node> sectionNodes(Node root, NodeBinder binder) {
        if (NodeBinder.isNull(root)) {
            return Map.of();
        }
        if (!(root instanceof MappingNode mapping)) {
            binder.error(root, "", "expected top-level sections (" + String.join(", ", sections.keySet())
                    + "), got " + NodeBinder.describe(root));
            return Map.of();
        }
        Map<String, Node> result = new HashMap<>();
        Map<String, Node> keyNodes = new HashMap<>();
        for (NodeTuple tuple : mapping.getValue()) {
            Node keyNode = tuple.getKeyNode();
            if (!(keyNode instanceof ScalarNode scalarKey) || NodeBinder.isNull(keyNode)) {
                binder.error(keyNode, "", "section names must be plain names, got " + NodeBinder.describe(keyNode));
                continue;
            }
            String name = scalarKey.getValue();
            Node first = keyNodes.putIfAbsent(name, keyNode);
            if (first != null) {
                binder.error(keyNode, name, "duplicate section (first at line " + NodeBinder.line(first) + ")");
            } else if (!sections.containsKey(name)) {
                binder.error(keyNode, name, unknownSectionMessage(name));
            } else {
                result.put(name, tuple.getValueNode());
            }
        }
        return result;
    }

    private String unknownSectionMessage(String name) {
        String known = sections.isEmpty() ? "none" : String.join(", ", sections.keySet());
        return KeySuggestion.closest(name, sections.keySet())
                .map(suggestion -> "unknown section '" + name + "' (did you mean '" + suggestion + "'? known: " + known + ")")
                .orElse("unknown section '" + name + "' (known: " + known + ")");
    }

    private static ConfigError syntaxError(String fileName, String yaml, MarkedYamlEngineException e) {
        int line = e.getProblemMark().or(e::getContextMark).map(mark -> mark.getLine() + 1).orElse(0);
        StringBuilder message = new StringBuilder("YAML syntax error: ").append(e.getProblem());
        if (e.getContext() != null && !e.getContext().isEmpty()) {
            message.append(" (").append(e.getContext());
            e.getContextMark().ifPresent(mark -> message.append(" at line ").append(mark.getLine() + 1));
            message.append(')');
        }
        String text = line > 0 ? yaml.lines().skip(line - 1).findFirst().orElse("") : "";
        if (UNQUOTED_BRACKETS.matcher(text).find()) {
            // YAML reads "[::]:7600" as a list followed by junk: the error alone does not say so.
            message.append("; quote IPv6 addresses after '[', e.g. listen: \"[::]:7600\" or routes: [\"::/1\"]");
        }
        return new ConfigError(fileName, line, "", message.toString());
    }
}
