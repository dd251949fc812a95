package dev.braid.testbed.bench.netns;

import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Option;

/** Options of the benches that start a tunnel per variant in a path world ({@code bench udp}, {@code bench realtime}). */
public final class TunnelRunOptions {

    @Option(names = "--directions", split = ",", paramLabel = "D", defaultValue = "up,down",
            description = "up (client to server) and/or down. Default: ${DEFAULT-VALUE}.")
    public List<String> directions;

    @Option(names = "--warmup", paramLabel = "N", defaultValue = "3",
            description = "Seconds of unmeasured TCP each way after each tunnel starts. Default: ${DEFAULT-VALUE}.")
    public int warmup;

    @Option(names = "--multilink-option", paramLabel = "KEY=VALUE",
            description = "Extra key of the multilink: section of proxy and client (repeatable).")
    public List<String> multilinkOptions = new ArrayList<>();

    @Option(names = "--keep-files", description = "Keep each world's configs and logs.")
    public boolean keepFiles;

    /** Every problem with these options, or empty. */
    public List<String> problems() {
        List<String> problems = new ArrayList<>();
        if (directions.isEmpty() || !directions.stream().allMatch(d -> d.equals("up") || d.equals("down"))) {
            problems.add("--directions takes up and down, got " + directions);
        }
        if (warmup < 0 || warmup > 60) {
            problems.add("--warmup takes 0 to 60 seconds, got " + warmup);
        }
        return problems;
    }
}
