package dev.braid.testbed.bench.sessions;

import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * The generator's answers on stdout: {@code @NAME key=value ...}, one a line, between its log
 * lines (warnings only).
 */
final class GeneratorProtocol {
    static final String PREFIX = "@";

    private GeneratorProtocol() {}

    static String format(String name, Object... keyValues) {
        StringBuilder line = new StringBuilder(PREFIX).append(name);
        for (int i = 0; i + 1 < keyValues.length; i += 2) {
            Object value = keyValues[i + 1];
            String text = value instanceof Double d ? String.format(Locale.ROOT, "%.4f", d) : String.valueOf(value);
            line.append(' ').append(keyValues[i]).append('=').append(text);
        }
        return line.toString();
    }

    /** The event named {@code name} in {@code line}, or null if the line is another. */
    static Map<String, String> parse(String line, String name) {
        String[] words = line.trim().split("\\s+");
        if (!words[0].equals(PREFIX + name)) {
            return null;
        }
        Map<String, String> values = new LinkedHashMap<>();
        for (int i = 1; i < words.length; i++) {
            int eq = words[i].indexOf('=');
            if (eq > 0) {
                values.put(words[i].substring(0, eq), words[i].substring(eq + 1));
            }
        }
        return values;
    }
}
