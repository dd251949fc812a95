package dev.braid.core.testing;

import dev.braid.core.config.ConfigDocument;
import dev.braid.core.config.ConfigError;
import dev.braid.core.config.ConfigException;
import dev.braid.core.config.ConfigLoader;
import dev.braid.core.config.EffectiveConfig;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.Tuple;

/**
 * YAML documents for fuzzing a config loader: its own defaults with random values put under real
 * keys, lines deleted, duplicated or cut, YAML's hostile constructs (aliases, tags, deep nesting,
 * odd scalars), and noise. The defaults come from the loader itself (every registered section
 * with every key), so plugin sections are covered wherever the plugin is on the class path.
 */
public final class ConfigFuzzDocuments {
    /** Values that stress the typed binders: numbers out of range, units, YAML specials. */
    private static final List<String> ODD_VALUES = List.of("", "~", "null", "-1", "0", "2147483648",
            "-9223372036854775809", "99999999999999999999", "1e400", ".nan", ".inf", "-.inf", "0x1F", "0o17",
            "10s", "-5ms", "1 h", "0s", "9999999999d", "1Gbit", "-1Mbit", "5 KiB", "1e3 MB", "true", "no",
            "[]", "[1, [2]]", "{}", "{a: 1}", "[0.0.0.0/0, ::/0]", "300.1.1.1/33", "[::1]:99999", "host:0",
            "!!binary AAAA", "!!timestamp 2001-12-14", "!!float x", "!custom 1", "'quoted'", "\"\\u0000\\x7f\"",
            "|\n  block\n  text", ">-\n  folded", "&anchor 5", "*anchor", "*missing", "? complex\n: key",
            "aes-256-gcm", "none", "multilink", "auto", "fq-codel", "bbr", "eth0", "ÿ\u202e\ud83d\ude00");
    private static final List<String> HOSTILE = List.of(
            "a: &a [x, x, x, x, x, x, x, x, x]\nb: &b [*a, *a, *a, *a, *a, *a, *a, *a, *a]\n"
                    + "c: &c [*b, *b, *b, *b, *b, *b, *b, *b, *b]\nd: &d [*c, *c, *c, *c, *c, *c, *c, *c, *c]\n"
                    + "e: [*d, *d, *d, *d, *d, *d, *d, *d, *d]\n",
            "client: &c {proxy: *c}\n",
            "[".repeat(5000) + "]".repeat(5000) + "\n",
            "client:\n" + "  x:\n".repeat(1) + "    - ".repeat(1) + "{a: ".repeat(2000) + "}".repeat(2000) + "\n",
            "%YAML 1.1\n---\nclient: {}\n...\n---\nproxy: {}\n",
            "\ufeffclient:\n\tproxy: x\n",
            "client: !!map {? [a]: b}\n",
            "<<: {client: {}}\n");

    private ConfigFuzzDocuments() {}

    /** Documents for {@code loader}, built around its defaults and {@code examples} (texts of real files). */
    public static Arbitrary<String> around(ConfigLoader loader, List<String> examples) {
        List<String> templates = new ArrayList<>(examples);
        templates.add(defaults(loader));
        Arbitrary<String> template = Arbitraries.of(templates);
        Arbitrary<String> valued = Arbitraries.oneOf(templates.stream().map(ConfigFuzzDocuments::withOddValues).toList());
        Arbitrary<String> cut = Arbitraries.oneOf(templates.stream().map(ConfigFuzzDocuments::withLinesChanged).toList());
        Arbitrary<String> noise = Arbitraries.strings().withChars(":-[]{},#&*!|>'\"%@?\n\t  abc019.").ofMaxLength(200);
        return Arbitraries.frequencyOf(Tuple.of(1, template), Tuple.of(6, valued), Tuple.of(3, cut),
                Tuple.of(1, Arbitraries.of(HOSTILE)), Tuple.of(1, noise),
                Tuple.of(1, Arbitraries.strings().ofMaxLength(100)));
    }

    /**
     * Loads {@code yaml} as {@code fuzz.yaml}: it must load (and render as the effective config) or
     * give a {@link ConfigException} whose every error names the file and says what is wrong.
     */
    public static void assertLoadsOrExplains(ConfigLoader loader, String yaml) {
        ConfigDocument document;
        try {
            document = loader.load("fuzz.yaml", yaml);
        } catch (ConfigException e) {
            if (e.errors().isEmpty()) {
                throw new AssertionError("a config exception without errors", e);
            }
            for (ConfigError error : e.errors()) {
                if (!error.file().equals("fuzz.yaml") || error.message().isBlank()) {
                    throw new AssertionError("an error that does not say where or what: " + error, e);
                }
            }
            return;
        }
        EffectiveConfig.render(document);
    }

    /** Every registered section with every key at its default, as YAML that loads back. */
    public static String defaults(ConfigLoader loader) {
        return EffectiveConfig.render(loader.load("defaults.yaml", "")).lines()
                .filter(line -> !line.startsWith("# section "))
                .map(line -> line.startsWith("# ") ? line.substring(2) : line)
                .collect(Collectors.joining("\n", "", "\n"));
    }

    /** 1-4 lines of the form {@code key: value} get an odd value instead. */
    private static Arbitrary<String> withOddValues(String document) {
        List<String> lines = document.lines().toList();
        Arbitrary<String> value = Arbitraries.frequencyOf(Tuple.of(4, Arbitraries.of(ODD_VALUES)),
                Tuple.of(1, Arbitraries.strings().ofMaxLength(20)));
        return Combinators.combine(Arbitraries.integers().between(0, lines.size() - 1), value).as(Tuple::of)
                .list().ofMinSize(1).ofMaxSize(4).map(changes -> {
                    List<String> out = new ArrayList<>(lines);
                    for (Tuple.Tuple2<Integer, String> change : changes) {
                        String line = out.get(change.get1());
                        int colon = line.indexOf(": ");
                        out.set(change.get1(), colon < 0 ? line + " " + change.get2()
                                : line.substring(0, colon + 2) + change.get2());
                    }
                    return String.join("\n", out) + "\n";
                });
    }

    /** A line deleted, duplicated, cut in the middle or re-indented. */
    private static Arbitrary<String> withLinesChanged(String document) {
        List<String> lines = document.lines().toList();
        return Combinators.combine(Arbitraries.integers().between(0, lines.size() - 1), Arbitraries.integers().between(0, 3),
                Arbitraries.integers().between(0, 40)).as((at, kind, where) -> {
                    List<String> out = new ArrayList<>(lines);
                    String line = out.get(at);
                    switch (kind) {
                        case 0 -> out.remove((int) at);
                        case 1 -> out.add(at, line);
                        case 2 -> out.set(at, line.substring(0, Math.min(where, line.length())));
                        default -> out.set(at, " ".repeat(where % 5) + line.strip());
                    }
                    return String.join("\n", out) + "\n";
                });
    }
}
