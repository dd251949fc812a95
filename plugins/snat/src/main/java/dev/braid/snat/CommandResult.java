package dev.braid.snat;

import java.util.List;

/**
 * How one external command ended.
 *
 * @param command  the command as run (after any prefix)
 * @param exitCode its exit status
 * @param stdout   what it printed
 * @param stderr   what it printed as errors
 */
public record CommandResult(List<String> command, int exitCode, String stdout, String stderr) {

    public CommandResult {
        command = List.copyOf(command);
    }

    public boolean ok() {
        return exitCode == 0;
    }

    /** The first non-blank line of stderr, for one-line error messages. */
    public String firstErrorLine() {
        return stderr.lines().map(String::strip).filter(l -> !l.isEmpty()).findFirst()
                .orElse("exit status " + exitCode);
    }
}
