package dev.braid.core.config;

import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/** A loaded config file: one bound, validated instance per registered section. Immutable once loaded. */
public final class ConfigDocument {
    private final String fileName;
    private final Map<String, Section> sections;
    private final Map<String, Object> values;
    private final Set<String> presentSections;
    private final Map<String, String> listKeywords;

    ConfigDocument(String fileName, Map<String, Section> sections, Map<String, Object> values, Set<String> presentSections,
                   Map<String, String> listKeywords) {
        this.listKeywords = Map.copyOf(listKeywords);
        this.fileName = fileName;
        this.sections = Map.copyOf(sections);
        this.values = Map.copyOf(values);
        this.presentSections = Set.copyOf(presentSections);
    }

    public String fileName() {
        return fileName;
    }

    /**
     * The bound config of a section registered with {@link ConfigLoader#register}; the class's
     * defaults when the file has no such section.
     *
     * @throws IllegalArgumentException if {@code name} is not registered for {@code type}
     */
    public <T> T section(String name, Class<T> type) {
        Section section = registered(name, type, false);
        return type.cast(values.get(section.name()));
    }

    /**
     * The items of a section registered with {@link ConfigLoader#registerList}; empty when the
     * file has no such section.
     */
    @SuppressWarnings("unchecked")
    public <T> List<T> listSection(String name, Class<T> itemType) {
        registered(name, itemType, true);
        return (List<T>) values.get(name);
    }

    /** The keyword written in place of a list section's items ({@code links: auto}), if any. */
    public java.util.Optional<String> listKeyword(String name) {
        return java.util.Optional.ofNullable(listKeywords.get(name));
    }

    /** Whether the file itself has the section (as opposed to defaults). */
    public boolean isPresent(String name) {
        return presentSections.contains(name);
    }

    /** The registered section names, sorted. */
    public Set<String> sectionNames() {
        return Collections.unmodifiableSortedSet(new TreeSet<>(sections.keySet()));
    }

    /** The section's bound value: a config object or a List of them. For rendering. */
    public Object value(String name) {
        return values.get(name);
    }

    private Section registered(String name, Class<?> type, boolean list) {
        Section section = sections.get(name);
        if (section == null || section.configClass() != type || section.list() != list) {
            throw new IllegalArgumentException("section '" + name + "' is not registered as "
                    + (list ? "a list of " : "") + type.getName() + (section == null ? "" : " but as " + section));
        }
        return section;
    }
}
