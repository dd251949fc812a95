package dev.braid.testbed.bench;

import dev.braid.testbed.netns.Netns;
import java.util.List;
import java.util.function.Supplier;
import picocli.CommandLine.Model.CommandSpec;

/** What a namespace bench checks before it builds anything: root, then its options and tools, all problems at once. */
public final class BenchPreflight {
    private BenchPreflight() {}

    /**
     * Prints why the bench cannot run to the command's error stream; otherwise makes AWT headless
     * for the plots. @return true when the bench may run
     *
     * @param rootReason the sentence telling what the bench needs root for
     * @param problems   the options' and tools' problems, asked only when running as root
     */
    public static boolean ready(CommandSpec spec, String rootReason, Supplier<List<String>> problems) {
        if (!Netns.isRoot()) {
            spec.commandLine().getErr().println(rootReason);
            return false;
        }
        List<String> found = problems.get();
        if (!found.isEmpty()) {
            found.forEach(spec.commandLine().getErr()::println);
            return false;
        }
        if (System.getProperty("java.awt.headless") == null) {
            System.setProperty("java.awt.headless", "true"); // plots only, no display
        }
        return true;
    }
}
