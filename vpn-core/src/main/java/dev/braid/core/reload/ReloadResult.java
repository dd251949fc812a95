package dev.braid.core.reload;

import java.util.List;

/**
 * What one reload did: the changes it applied, or why it changed nothing. {@link #text()} is the
 * answer of {@code braid reload} and the log line.
 */
public record ReloadResult(boolean applied, List<String> changes, String refusal) {
    /** The first words of a refused reload's answer; {@code braid reload} exits non-zero on it. */
    public static final String REFUSED = "reload refused: ";

    public ReloadResult {
        changes = List.copyOf(changes);
    }

    public static ReloadResult applied(List<String> changes) {
        return new ReloadResult(true, changes, null);
    }

    public static ReloadResult refused(String why) {
        return new ReloadResult(false, List.of(), why);
    }

    /** One line: {@code reloaded: a; b}, {@code reloaded: nothing changed} or {@code reload refused: why; ...}. */
    public String text() {
        if (!applied) {
            return REFUSED + refusal + "; the running state is unchanged";
        }
        return "reloaded: " + (changes.isEmpty() ? "nothing changed" : String.join("; ", changes));
    }
}
