package dev.braid.testbed.bench.netns;

import java.util.List;
import picocli.CommandLine.Model.CommandSpec;

/** The command that reproduces a benchmark run, for its report. */
public final class CommandLines {
    private CommandLines() {}

    /**
     * {@code ./braid bench NAME options…}, whether this command ran under {@code braid bench} (the
     * parse result then starts with "bench NAME") or stand-alone.
     */
    public static String of(CommandSpec spec) {
        String name = spec.name();
        List<String> args = spec.commandLine().getParseResult().originalArgs();
        int at = args.indexOf(name);
        List<String> options = at >= 0 ? args.subList(at + 1, args.size()) : args;
        return ("./braid bench " + name + " " + String.join(" ", options)).trim();
    }
}
